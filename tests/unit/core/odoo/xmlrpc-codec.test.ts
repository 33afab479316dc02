import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  decodeMethodCall,
  decodeMethodResponse,
  encodeFault,
  encodeMethodCall,
  encodeMethodResponse,
  encodeValue,
  XmlRpcDouble,
  XmlRpcFault,
  XmlRpcParseError,
  type XmlRpcValue,
} from '../../../../main/core/odoo/xmlrpc-codec.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
const wire = resolve(repoRoot, 'tests', 'fixtures', 'odoo-wire', '17.0');

const roundTrip = (v: XmlRpcValue): XmlRpcValue => decodeMethodResponse(encodeMethodResponse(v));

describe('xmlrpc codec', () => {
  it.each<[string, XmlRpcValue]>([
    ['int', 42],
    ['negative int', -2147483648],
    ['double', 3.25],
    ['big number as double', 2 ** 40],
    ['true', true],
    ['false', false],
    ['empty string', ''],
    ['XML specials', `<a href="x">&amp; 'q' ]]> </a>\r\n`],
    ['non-ASCII', 'Chloé Müller — 東京 🚀'],
    ['nil', null],
    ['array', [1, 'two', [3, false], null]],
    ['struct', { name: 'Deco Addict', country_id: [233, 'United States'], active: true, nested: { a: [] } }],
    ['struct with special keys', { '<k&>': 1, 'é': 'x' }],
  ])('round-trips %s', (_label, v) => {
    expect(roundTrip(v)).toEqual(v);
  });

  it('round-trips dateTime (seconds, UTC) and base64', () => {
    const d = new Date(Date.UTC(2026, 10, 25, 11, 43, 5));
    expect(roundTrip(d)).toEqual(d);
    const bytes = new Uint8Array([0, 1, 2, 253, 254, 255]);
    expect(roundTrip(bytes)).toEqual(bytes);
  });

  it('sends an integral double as <double> when asked', () => {
    expect(encodeValue(new XmlRpcDouble(2))).toBe('<value><double>2</double></value>');
    expect(decodeMethodResponse(encodeMethodResponse(2.0))).toBe(2);
  });

  it('round-trips a method call', () => {
    const xml = encodeMethodCall('execute_kw', ['companion', 2, 'k', 'res.partner', 'search_read', [[['name', 'ilike', 'a&b']]], { limit: 5 }]);
    expect(decodeMethodCall(xml)).toEqual({
      method: 'execute_kw',
      params: ['companion', 2, 'k', 'res.partner', 'search_read', [[['name', 'ilike', 'a&b']]], { limit: 5 }],
    });
  });

  it('throws faults with their code and string', () => {
    try {
      decodeMethodResponse(encodeFault(3, 'Access Denied'));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(XmlRpcFault);
      expect((e as XmlRpcFault).faultCode).toBe(3);
      expect((e as XmlRpcFault).faultString).toBe('Access Denied');
    }
  });

  it('reads the recorded Odoo 17 answers', () => {
    expect(decodeMethodResponse(readFileSync(resolve(wire, 'xmlrpc_version.xml'), 'utf8'))).toEqual({
      server_version: '17.0',
      server_version_info: [17, 0, 0, 'final', 0, ''],
      server_serie: '17.0',
      protocol_version: 1,
    });
    expect(() => decodeMethodResponse(readFileSync(resolve(wire, 'xmlrpc_fault_access_denied.xml'), 'utf8'))).toThrow(
      XmlRpcFault,
    );
  });

  it('reads bare-text strings, i4, CDATA and character references', () => {
    const xml =
      '<?xml version="1.0"?><methodResponse><params><param><value><array><data>' +
      '<value>bare</value><value><i4>7</i4></value><value><string><![CDATA[<x>&]]></string></value>' +
      '<value><string>&#233;&#x1F680;</string></value></data></array></value></param></params></methodResponse>';
    expect(decodeMethodResponse(xml)).toEqual(['bare', 7, '<x>&', 'é🚀']);
  });

  it.each([
    ['a DOCTYPE', '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><methodResponse/>'],
    ['an entity declaration', '<!ENTITY xxe SYSTEM "file:///etc/passwd"><methodResponse/>'],
    ['an unknown entity', '<methodResponse><params><param><value><string>&xxe;</string></value></param></params></methodResponse>'],
    ['unbalanced tags', '<methodResponse><params></methodResponse>'],
    ['an unknown type', '<methodResponse><params><param><value><blob>1</blob></value></param></params></methodResponse>'],
    ['a bad boolean', '<methodResponse><params><param><value><boolean>yes</boolean></value></param></params></methodResponse>'],
    ['a bad int', '<methodResponse><params><param><value><int>1.5</int></value></param></params></methodResponse>'],
  ])('refuses %s', (_label, xml) => {
    expect(() => decodeMethodResponse(xml)).toThrow(XmlRpcParseError);
  });

  it('refuses values XML-RPC cannot carry', () => {
    expect(() => encodeValue(Number.NaN)).toThrow(TypeError);
  });
});

describe('xmlrpc codec on hostile input', () => {
  const wrap = (inner: string): string =>
    `<?xml version="1.0"?><methodResponse><params><param>${inner}</param></params></methodResponse>`;
  const deep = (n: number): string => '<value><array><data>'.repeat(n) + '<value><int>1</int></value>' + '</data></array></value>'.repeat(n);

  it.each([
    ['a 10 000-deep answer', wrap(deep(10_000))],
    ['a character reference past U+10FFFF', wrap('<value><string>&#x110000;</string></value>')],
    ['a decimal reference past U+10FFFF', wrap('<value><string>&#1114112;</string></value>')],
    ['a reference to a surrogate', wrap('<value><string>&#xD800;</string></value>')],
    ['a reference to NUL', wrap('<value><string>&#0;</string></value>')],
    ['a huge reference', wrap(`<value><string>&#x${'F'.repeat(40)};</string></value>`)],
    ['a fault 10 000 deep', `<methodResponse><fault>${deep(10_000)}</fault></methodResponse>`],
  ])('refuses %s with a parse error, never a RangeError', (_label, xml) => {
    expect(() => decodeMethodResponse(xml)).toThrow(XmlRpcParseError);
    expect(() => decodeMethodCall(xml.replace('methodResponse', 'methodCall'))).toThrow(XmlRpcParseError);
  });

  it('still reads a reasonably nested answer', () => {
    expect(decodeMethodResponse(wrap(deep(20)))).toBeDefined();
  });
});
