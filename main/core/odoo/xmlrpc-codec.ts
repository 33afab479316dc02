// Why: Odoo's `/xmlrpc/2` needs a small subset of XML-RPC. The npm `xmlrpc` package brings
// its own http client (which would bypass the pinned dispatcher), a SAX parser dependency
// and no protection against DOCTYPE/entity tricks. This codec is ~200 lines, has no
// dependency, refuses any DOCTYPE or entity declaration outright, only understands the
// XML-RPC element set, and is covered by round-trip tests. Responses are decoded by the
// streaming decoder (xmlrpc-stream.ts); the values and errors both share live in
// xmlrpc-values.ts.
import { parseDateTime, unescapeXmlText, XmlRpcResponseDecoder } from './xmlrpc-stream.js';
import { XmlRpcFault, XmlRpcParseError, type XmlRpcValue } from './xmlrpc-values.js';

export { XmlRpcFault, XmlRpcParseError, type XmlRpcValue };

/** Marks a number that must be sent as `<double>` even when it is integral. */
export class XmlRpcDouble {
  readonly value: number;
  constructor(value: number) {
    this.value = value;
  }
}


// ---------------------------------------------------------------------------------------
// Encoding

function escapeXml(s: string): string {
  return s.replace(/[&<>"'\r]/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : c === "'" ? '&apos;' : '&#13;',
  );
}

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

/** Odoo's dateTime format: `20260125T13:45:00` (UTC, no zone). */
export function formatDateTime(d: Date): string {
  return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(
    d.getUTCMinutes(),
  )}:${pad(d.getUTCSeconds())}`;
}

export function encodeValue(v: XmlRpcValue | XmlRpcDouble | undefined): string {
  if (v === null || v === undefined) return '<value><nil/></value>';
  if (v instanceof XmlRpcDouble) return `<value><double>${v.value}</double></value>`;
  switch (typeof v) {
    case 'boolean':
      return `<value><boolean>${v ? 1 : 0}</boolean></value>`;
    case 'number':
      if (Number.isInteger(v) && v >= -2147483648 && v <= 2147483647) return `<value><int>${v}</int></value>`;
      if (!Number.isFinite(v)) throw new TypeError('XML-RPC cannot carry NaN or Infinity');
      return `<value><double>${v}</double></value>`;
    case 'string':
      return `<value><string>${escapeXml(v)}</string></value>`;
    default:
      break;
  }
  if (v instanceof Date) return `<value><dateTime.iso8601>${formatDateTime(v)}</dateTime.iso8601></value>`;
  if (v instanceof Uint8Array) return `<value><base64>${Buffer.from(v).toString('base64')}</base64></value>`;
  if (Array.isArray(v)) return `<value><array><data>${v.map((x) => encodeValue(x)).join('')}</data></array></value>`;
  if (typeof v === 'object') {
    const members = Object.entries(v)
      .filter(([, x]) => x !== undefined)
      .map(([k, x]) => `<member><name>${escapeXml(k)}</name>${encodeValue(x)}</member>`)
      .join('');
    return `<value><struct>${members}</struct></value>`;
  }
  throw new TypeError(`XML-RPC cannot carry a ${typeof v}`);
}

export function encodeMethodCall(method: string, params: readonly (XmlRpcValue | XmlRpcDouble)[]): string {
  const ps = params.map((p) => `<param>${encodeValue(p)}</param>`).join('');
  return `<?xml version="1.0"?>\n<methodCall><methodName>${escapeXml(method)}</methodName><params>${ps}</params></methodCall>`;
}

export function encodeMethodResponse(value: XmlRpcValue): string {
  return `<?xml version="1.0"?>\n<methodResponse><params><param>${encodeValue(value)}</param></params></methodResponse>`;
}

export function encodeFault(faultCode: number, faultString: string): string {
  return `<?xml version="1.0"?>\n<methodResponse><fault>${encodeValue({ faultCode, faultString })}</fault></methodResponse>`;
}

// ---------------------------------------------------------------------------------------
// Decoding a call (the test server's side): a tiny tokenizer over the XML-RPC element set.

interface Node {
  name: string;
  children: Node[];
  text: string;
}

/** Same nesting limit as the response decoder. */
const MAX_DEPTH = 256;

function unescapeXml(s: string): string {
  return unescapeXmlText(s);
}

function parseXml(xml: string): Node {
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw new XmlRpcParseError('DOCTYPE and entity declarations are refused');
  let i = 0;
  const root: Node = { name: '#root', children: [], text: '' };
  const stack: Node[] = [root];
  const len = xml.length;
  while (i < len) {
    const lt = xml.indexOf('<', i);
    const top = stack[stack.length - 1]!;
    if (lt < 0) {
      top.text += xml.slice(i);
      break;
    }
    if (lt > i) top.text += xml.slice(i, lt);
    if (xml.startsWith('<?', lt)) {
      const end = xml.indexOf('?>', lt);
      if (end < 0) throw new XmlRpcParseError('unterminated declaration');
      i = end + 2;
      continue;
    }
    if (xml.startsWith('<!--', lt)) {
      const end = xml.indexOf('-->', lt);
      if (end < 0) throw new XmlRpcParseError('unterminated comment');
      i = end + 3;
      continue;
    }
    if (xml.startsWith('<![CDATA[', lt)) {
      const end = xml.indexOf(']]>', lt);
      if (end < 0) throw new XmlRpcParseError('unterminated CDATA');
      // Marked so unescaping leaves it alone.
      top.text += xml.slice(lt + 9, end).replace(/&/g, '&amp;').replace(/</g, '&lt;');
      i = end + 3;
      continue;
    }
    if (xml.startsWith('<!', lt)) throw new XmlRpcParseError('declarations are refused');
    const gt = xml.indexOf('>', lt);
    if (gt < 0) throw new XmlRpcParseError('unterminated tag');
    const raw = xml.slice(lt + 1, gt).trim();
    i = gt + 1;
    if (raw.startsWith('/')) {
      const name = raw.slice(1).trim();
      const node = stack.pop();
      if (!node || node.name !== name || stack.length === 0) throw new XmlRpcParseError(`unexpected </${name}>`);
      continue;
    }
    const selfClosing = raw.endsWith('/');
    const name = (selfClosing ? raw.slice(0, -1) : raw).trim().split(/\s+/, 1)[0] ?? '';
    if (!/^[A-Za-z_][\w.:-]*$/.test(name)) throw new XmlRpcParseError('bad tag name');
    const node: Node = { name, children: [], text: '' };
    if (stack.length > MAX_DEPTH) throw new XmlRpcParseError('nested too deep');
    top.children.push(node);
    if (!selfClosing) stack.push(node);
  }
  if (stack.length !== 1) throw new XmlRpcParseError('unclosed element');
  return root;
}

function only(node: Node, name: string): Node {
  const c = node.children.find((n) => n.name === name);
  if (!c) throw new XmlRpcParseError(`missing <${name}>`);
  return c;
}

function decodeValue(value: Node): XmlRpcValue {
  const typed = value.children[0];
  if (!typed) return unescapeXml(value.text); // bare text = string
  const text = (): string => unescapeXml(typed.text);
  switch (typed.name) {
    case 'int':
    case 'i4':
    case 'i8': {
      const n = Number(text().trim());
      if (!Number.isInteger(n)) throw new XmlRpcParseError('bad int');
      return n;
    }
    case 'double': {
      const n = Number(text().trim());
      if (Number.isNaN(n)) throw new XmlRpcParseError('bad double');
      return n;
    }
    case 'boolean': {
      const t = text().trim();
      if (t !== '0' && t !== '1') throw new XmlRpcParseError('bad boolean');
      return t === '1';
    }
    case 'string':
      return text();
    case 'nil':
      return null;
    case 'dateTime.iso8601':
      return parseDateTime(text());
    case 'base64':
      return new Uint8Array(Buffer.from(text().replace(/\s+/g, ''), 'base64'));
    case 'array':
      return only(typed, 'data')
        .children.filter((n) => n.name === 'value')
        .map(decodeValue);
    case 'struct': {
      const out: Record<string, XmlRpcValue> = Object.create(null) as Record<string, XmlRpcValue>;
      for (const m of typed.children) {
        if (m.name !== 'member') continue;
        const key = unescapeXml(only(m, 'name').text);
        out[key] = decodeValue(only(m, 'value'));
      }
      return { ...out };
    }
    default:
      throw new XmlRpcParseError(`unknown type <${typed.name}>`);
  }
}

/**
 * Decodes a whole `methodResponse`. Returns its value, or throws XmlRpcFault for a `<fault>`.
 * The client feeds the streaming decoder chunk by chunk instead (xmlrpc-stream.ts).
 */
export function decodeMethodResponse(xml: string): XmlRpcValue {
  const decoder = new XmlRpcResponseDecoder();
  decoder.write(xml);
  return decoder.end();
}

/** Decodes a `methodCall` (used by the test server). */
export function decodeMethodCall(xml: string): { method: string; params: XmlRpcValue[] } {
  const root = parseXml(xml);
  const call = only(root, 'methodCall');
  const method = unescapeXml(only(call, 'methodName').text).trim();
  const params = call.children.find((n) => n.name === 'params');
  return {
    method,
    params: params ? params.children.filter((n) => n.name === 'param').map((p) => decodeValue(only(p, 'value'))) : [],
  };
}
