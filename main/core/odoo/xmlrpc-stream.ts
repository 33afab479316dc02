// Why: a server's answer must never stall the main process (in Electron a stall freezes
// every window) nor escape as anything but a parse error. Building a DOM of the whole
// answer first cost ~40x its size and one long synchronous pass; this decoder is fed the
// body chunk by chunk as it arrives, builds the result values directly (no tree), and works
// without recursion, so each network read costs a bounded slice of work. It enforces a
// nesting depth, valid XML code points in character references, strict UTF-8 and the
// XML-RPC element grammar; anything else is an XmlRpcParseError.
import { XmlRpcFault, XmlRpcParseError, type XmlRpcValue } from './xmlrpc-values.js';

export interface XmlRpcDecodeLimits {
  /** Deepest element nesting accepted (an answer's own structure is a few levels per value). */
  maxDepth: number;
  /** Longest markup token (tag, comment, processing instruction) in characters. */
  maxTokenChars: number;
}

export const DEFAULT_DECODE_LIMITS: XmlRpcDecodeLimits = { maxDepth: 256, maxTokenChars: 64 * 1024 };

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** XML 1.0 `Char`: what a character reference may name. */
function isXmlChar(cp: number): boolean {
  return (
    cp === 0x9 ||
    cp === 0xa ||
    cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

/** Replaces the five named entities and character references; anything else is refused. */
export function unescapeXmlText(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&([^;&]{0,12});?/g, (whole, ent: string) => {
    if (!whole.endsWith(';')) throw new XmlRpcParseError('unterminated entity');
    let cp: number;
    if (/^#x[0-9a-fA-F]{1,8}$/.test(ent)) cp = parseInt(ent.slice(2), 16);
    else if (/^#[0-9]{1,10}$/.test(ent)) cp = parseInt(ent.slice(1), 10);
    else {
      const named = NAMED[ent];
      if (named === undefined) throw new XmlRpcParseError('unknown entity');
      return named;
    }
    if (!isXmlChar(cp)) throw new XmlRpcParseError('character reference outside XML characters');
    return String.fromCodePoint(cp);
  });
}

const SIMPLE_NAME = /^[A-Za-z_][\w.:-]*$/;

const LEAF_TYPES = new Set(['int', 'i4', 'i8', 'double', 'boolean', 'string', 'nil', 'dateTime.iso8601', 'base64']);

/** Which children each element may have. Leaves and `name` have none. */
const CHILDREN: Record<string, ReadonlySet<string>> = {
  '#root': new Set(['methodResponse']),
  methodResponse: new Set(['params', 'fault']),
  params: new Set(['param']),
  param: new Set(['value']),
  fault: new Set(['value']),
  value: new Set([...LEAF_TYPES, 'array', 'struct']),
  array: new Set(['data']),
  data: new Set(['value']),
  struct: new Set(['member']),
  member: new Set(['name', 'value']),
};

/** Elements whose text is kept (the rest may hold formatting whitespace only). */
const TEXT_ELEMENTS = new Set([...LEAF_TYPES, 'value', 'name']);

interface Frame {
  name: string;
  /** Text pieces, only for elements whose text is kept. */
  text: string[] | null;
  /** The typed value a `value`, `param`, `fault` or `member` received. */
  value?: XmlRpcValue;
  has: boolean;
  /** `array`/`data` share the list; `struct` holds its object. */
  list?: XmlRpcValue[];
  obj?: Record<string, XmlRpcValue>;
  key?: string;
  sawData?: boolean;
  sawParam?: boolean;
}

function joinText(frame: Frame): string {
  const t = frame.text;
  if (t === null || t.length === 0) return '';
  return t.length === 1 ? t[0]! : t.join('');
}

/** An XML-RPC dateTime.iso8601 (Odoo: `20261130T09:30:00`), with an optional zone. */
export function parseDateTime(s: string): Date {
  const m = /^(\d{4})-?(\d{2})-?(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/.exec(s.trim());
  if (!m) throw new XmlRpcParseError('bad dateTime');
  const base = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
  let offset = 0;
  if (m[7] && m[7] !== 'Z') {
    const z = m[7].replace(':', '');
    offset = (z.startsWith('-') ? -1 : 1) * (Number(z.slice(1, 3)) * 60 + Number(z.slice(3, 5)));
  }
  const d = new Date(base - offset * 60_000);
  if (Number.isNaN(d.getTime())) throw new XmlRpcParseError('bad dateTime');
  return d;
}

function leafValue(type: string, text: string): XmlRpcValue {
  switch (type) {
    case 'int':
    case 'i4':
    case 'i8': {
      const n = Number(text.trim());
      if (!Number.isInteger(n) || text.trim() === '') throw new XmlRpcParseError('bad int');
      return n;
    }
    case 'double': {
      const n = Number(text.trim());
      if (Number.isNaN(n) || text.trim() === '') throw new XmlRpcParseError('bad double');
      return n;
    }
    case 'boolean': {
      const t = text.trim();
      if (t !== '0' && t !== '1') throw new XmlRpcParseError('bad boolean');
      return t === '1';
    }
    case 'string':
      return text;
    case 'nil':
      return null;
    case 'dateTime.iso8601':
      return parseDateTime(text);
    case 'base64':
      return new Uint8Array(Buffer.from(text.replace(/\s+/g, ''), 'base64'));
    default:
      throw new XmlRpcParseError('unknown type');
  }
}

/**
 * Incremental `methodResponse` decoder: `write` each chunk as it arrives, then `end()`
 * returns the value or throws XmlRpcFault / XmlRpcParseError.
 */
export class XmlRpcResponseDecoder {
  private readonly limits: XmlRpcDecodeLimits;
  private readonly utf8 = new TextDecoder('utf-8', { fatal: true });
  private pending = '';
  private readonly stack: Frame[] = [{ name: '#root', text: null, has: false }];
  private inCdata = false;
  private done = false;
  private result: XmlRpcValue | undefined;
  private fault: XmlRpcValue | undefined;
  private isFault = false;

  constructor(limits: Partial<XmlRpcDecodeLimits> = {}) {
    this.limits = { ...DEFAULT_DECODE_LIMITS, ...limits };
  }

  write(chunk: Uint8Array | string): void {
    let s: string;
    if (typeof chunk === 'string') s = chunk;
    else {
      try {
        s = this.utf8.decode(chunk, { stream: true });
      } catch {
        throw new XmlRpcParseError('invalid UTF-8');
      }
    }
    this.pending += s;
    this.consume(false);
  }

  end(): XmlRpcValue {
    try {
      this.pending += this.utf8.decode();
    } catch {
      throw new XmlRpcParseError('invalid UTF-8');
    }
    this.consume(true);
    if (!this.done || this.stack.length !== 1) throw new XmlRpcParseError('unclosed element');
    if (this.isFault) {
      const v = this.fault;
      if (typeof v !== 'object' || v === null || Array.isArray(v) || v instanceof Date || v instanceof Uint8Array) {
        throw new XmlRpcParseError('bad fault');
      }
      const s = v as Record<string, XmlRpcValue>;
      throw new XmlRpcFault(typeof s.faultCode === 'number' ? s.faultCode : 1, typeof s.faultString === 'string' ? s.faultString : '');
    }
    return this.result as XmlRpcValue;
  }

  private top(): Frame {
    return this.stack[this.stack.length - 1]!;
  }

  private text(raw: string, escaped: boolean): void {
    if (raw === '') return;
    const top = this.top();
    if (top.text !== null) {
      top.text.push(escaped ? unescapeXmlText(raw) : raw);
      return;
    }
    if (!escaped || /\S/.test(raw)) throw new XmlRpcParseError('text outside a value');
  }

  private consume(final: boolean): void {
    const buf = this.pending;
    const len = buf.length;
    let i = 0;
    while (i < len) {
      if (this.inCdata) {
        const end = buf.indexOf(']]>', i);
        if (end < 0) {
          // Keep two characters back: the terminator may straddle chunks.
          const cut = Math.max(i, len - 2);
          this.text(buf.slice(i, cut), false);
          i = cut;
          break;
        }
        this.text(buf.slice(i, end), false);
        this.inCdata = false;
        i = end + 3;
        continue;
      }
      const lt = buf.indexOf('<', i);
      if (lt < 0) {
        // Text to the end of what we have; an entity may be cut in two, keep it back.
        let cut = len;
        const amp = buf.lastIndexOf('&');
        if (!final && amp >= i && buf.indexOf(';', amp) < 0) cut = amp;
        this.text(buf.slice(i, cut), true);
        i = cut;
        break;
      }
      if (lt > i) this.text(buf.slice(i, lt), true);
      i = lt;
      if (buf.startsWith('<![CDATA[', lt)) {
        this.inCdata = true;
        i = lt + 9;
        continue;
      }
      if (len - lt < 9 && '<![CDATA['.startsWith(buf.slice(lt)) && !final) break;
      let close: string;
      if (buf.startsWith('<?', lt)) close = '?>';
      else if (buf.startsWith('<!--', lt)) close = '-->';
      else if (buf.startsWith('<!', lt) && len - lt >= 4) throw new XmlRpcParseError('declarations are refused');
      else close = '>';
      const end = buf.indexOf(close, lt + 1);
      if (end < 0) {
        if (len - lt > this.limits.maxTokenChars) throw new XmlRpcParseError('markup too long');
        break;
      }
      if (end - lt > this.limits.maxTokenChars) throw new XmlRpcParseError('markup too long');
      i = end + close.length;
      if (close !== '>') continue; // declaration or comment: skipped
      this.tag(buf.slice(lt + 1, end));
    }
    this.pending = i >= len ? '' : buf.slice(i);
    if (final && this.inCdata) throw new XmlRpcParseError('unterminated CDATA');
    if (final && this.pending !== '') {
      if (this.pending.startsWith('<')) throw new XmlRpcParseError('unterminated tag');
      this.text(this.pending, true);
      this.pending = '';
    }
  }

  private tag(rawTag: string): void {
    if (rawTag.charCodeAt(0) === 47 /* / */) {
      this.close(SIMPLE_NAME.test(rawTag.slice(1)) ? rawTag.slice(1) : rawTag.slice(1).trim());
      return;
    }
    let name: string;
    let selfClosing = false;
    if (SIMPLE_NAME.test(rawTag)) name = rawTag; // the usual case: <value>, <member>
    else {
      const raw = rawTag.trim();
      selfClosing = raw.endsWith('/');
      name = (selfClosing ? raw.slice(0, -1) : raw).trim().split(/\s+/, 1)[0] ?? '';
      if (!SIMPLE_NAME.test(name)) throw new XmlRpcParseError('bad tag name');
    }
    const parent = this.top();
    if (this.done) throw new XmlRpcParseError('content after the answer');
    const allowed = CHILDREN[parent.name];
    if (!allowed || !allowed.has(name)) {
      throw new XmlRpcParseError(parent.name === 'value' ? 'unknown type' : `unexpected <${name}>`);
    }
    if (this.stack.length > this.limits.maxDepth) throw new XmlRpcParseError('nested too deep');
    const frame: Frame = { name, text: TEXT_ELEMENTS.has(name) ? [] : null, has: false };
    if (name === 'array') frame.list = [];
    else if (name === 'data') {
      if (parent.sawData) throw new XmlRpcParseError('two <data> in one array');
      parent.sawData = true;
      frame.list = parent.list!;
    } else if (name === 'struct') frame.obj = {};
    if (parent.name === 'value' && name !== 'value') {
      if (parent.has) throw new XmlRpcParseError('two types in one value');
    }
    this.stack.push(frame);
    if (selfClosing) this.close(name);
  }

  private close(name: string): void {
    const frame = this.stack.pop();
    if (!frame || frame.name !== name || this.stack.length === 0) throw new XmlRpcParseError(`unexpected </${name}>`);
    const parent = this.top();
    switch (name) {
      case 'methodResponse':
        if (!frame.sawParam && !this.isFault) throw new XmlRpcParseError('missing <params>');
        this.done = true;
        return;
      case 'params':
        if (!frame.sawParam) throw new XmlRpcParseError('missing <param>');
        parent.sawParam = true;
        return;
      case 'param':
        if (!frame.has) throw new XmlRpcParseError('missing <value>');
        if (parent.sawParam) return; // Odoo sends one; the first wins
        parent.sawParam = true;
        this.result = frame.value!;
        return;
      case 'fault':
        if (!frame.has) throw new XmlRpcParseError('missing <value>');
        this.isFault = true;
        this.fault = frame.value!;
        return;
      case 'value': {
        const v: XmlRpcValue = frame.has ? frame.value! : joinText(frame);
        if (parent.name === 'data') parent.list!.push(v);
        else {
          if (parent.has) throw new XmlRpcParseError('two values');
          parent.value = v;
          parent.has = true;
        }
        return;
      }
      case 'array':
        if (!frame.sawData) throw new XmlRpcParseError('missing <data>');
        this.give(parent, frame.list!);
        return;
      case 'data':
        return;
      case 'struct':
        this.give(parent, frame.obj!);
        return;
      case 'member': {
        if (frame.key === undefined) throw new XmlRpcParseError('missing <name>');
        if (!frame.has) throw new XmlRpcParseError('missing <value>');
        // A key named `__proto__` is data, never the prototype.
        if (frame.key === '__proto__') {
          Object.defineProperty(parent.obj!, frame.key, { value: frame.value!, enumerable: true, writable: true, configurable: true });
        } else parent.obj![frame.key] = frame.value!;
        return;
      }
      case 'name':
        parent.key = joinText(frame);
        return;
      default:
        this.give(parent, leafValue(name, joinText(frame)));
    }
  }

  private give(valueFrame: Frame, v: XmlRpcValue): void {
    valueFrame.value = v;
    valueFrame.has = true;
  }
}
