import { describe, expect, it } from 'vitest';
import { encodeFault, encodeMethodResponse, XmlRpcFault, type XmlRpcValue } from '../../../../main/core/odoo/xmlrpc-codec.js';
import { XmlRpcResponseDecoder } from '../../../../main/core/odoo/xmlrpc-stream.js';

const sample: XmlRpcValue = {
  name: 'Chloé & <Müller> 🚀',
  ids: [1, -2, 3.5, true, null],
  when: new Date(Date.UTC(2026, 0, 2, 3, 4, 5)),
  blob: new Uint8Array([0, 255, 7]),
  nested: { a: [[{ b: 'x' }]] },
  ['__proto__']: 'kept as data',
};

function decodeInPieces(xml: Buffer, size: number): XmlRpcValue {
  const d = new XmlRpcResponseDecoder();
  for (let i = 0; i < xml.length; i += size) d.write(xml.subarray(i, i + size));
  return d.end();
}

describe('streaming XML-RPC decoder', () => {
  it('gives the same value whatever the chunk boundaries (entities, UTF-8, CDATA cut in two)', () => {
    const xml = Buffer.from(encodeMethodResponse(sample).replace('<string>x</string>', '<string><![CDATA[x]]></string>'));
    const whole = decodeInPieces(xml, xml.length);
    for (const size of [1, 2, 3, 7, 64]) expect(decodeInPieces(xml, size)).toEqual(whole);
    expect(Object.getPrototypeOf(whole)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(whole, '__proto__')?.value).toBe('kept as data');
  });

  it('throws a fault only at the end, byte by byte too', () => {
    expect(() => decodeInPieces(Buffer.from(encodeFault(2, 'Access Denied')), 1)).toThrow(XmlRpcFault);
  });
});
