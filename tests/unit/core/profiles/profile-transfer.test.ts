// Profile files IT hands out: an export holds no secret and reads back as it was written;
// any damaged or hostile file (truncated, wrong types, huge, wrong pins, unknown keys,
// random bytes) is one typed `invalid_input` error, never another exception, and never a
// polluted prototype.
import { describe, expect, it } from 'vitest';
import { randomBytes, createHash } from 'node:crypto';
import { isAppError } from '../../../../main/core/errors.js';
import {
  exportProfiles,
  MAX_TRANSFER_BYTES,
  parseProfileFile,
  type ExportableProfile,
} from '../../../../main/core/profiles/profile-transfer.js';

const pin = (seed: string) => `sha256/${createHash('sha256').update(seed).digest('base64')}`;

const PROFILES: ExportableProfile[] = [
  {
    label: 'Production',
    origin: 'https://erp.example.com',
    database: 'prod',
    login: 'anna@example.com',
    authMethod: 'account',
    transport: 'auto',
    pins: [pin('root'), pin('intermediate')],
    trustSelfSigned: false,
    environment: { kind: 'production', colour: 'red' },
  },
  {
    label: 'Staging — Odoo 19',
    origin: 'https://staging.example.com:8443',
    database: 'staging',
    login: 'anna@example.com',
    authMethod: 'api-key',
    transport: 'json2',
    pins: [pin('self-signed')],
    trustSelfSigned: true,
  },
];

const NOW = Date.UTC(2026, 10, 30, 12);
const base = exportProfiles(PROFILES, { now: NOW });

/** The outcome of one import: the profiles, or the typed refusal's problem. */
function outcome(content: Uint8Array | string): { ok: true; value: ReturnType<typeof parseProfileFile> } | { ok: false; problem: string } {
  try {
    return { ok: true, value: parseProfileFile(content) };
  } catch (e) {
    if (!isAppError(e, 'invalid_input')) throw new Error(`not a typed refusal: ${String(e)}`, { cause: e });
    expect(typeof e.details?.problem).toBe('string');
    return { ok: false, problem: String(e.details?.problem) };
  }
}

/** Deterministic PRNG (mulberry32), so a failing case can be replayed. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Every path (as keys) to a value in a JSON tree. */
function paths(v: unknown, at: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [at];
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...paths(x, [...at, i])));
  else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) out.push(...paths(x, [...at, k]));
  return out;
}

function withValue(tree: unknown, at: (string | number)[], value: unknown): unknown {
  if (at.length === 0) return value;
  const copy = structuredClone(tree) as Record<string | number, unknown>;
  let node = copy;
  for (const k of at.slice(0, -1)) node = node[k] as Record<string | number, unknown>;
  node[at.at(-1)!] = value;
  return copy;
}

describe('profile files', () => {
  it('an export holds the listed fields only and reads back as it was written', () => {
    const withExtras = PROFILES.map((p) => ({ ...p, id: 'p-1', secret: 'canary-secret-7f3a', session: { sid: 'canary-sid' } }));
    const text = exportProfiles(withExtras, { now: NOW });
    expect(text).not.toContain('canary');
    expect(text).not.toContain('"id"');
    expect(parseProfileFile(text)).toEqual(
      PROFILES.map((p) => ({ label: p.label, url: p.origin, database: p.database, login: p.login, authMethod: p.authMethod, transport: p.transport, pins: p.pins, trustSelfSigned: p.trustSelfSigned, ...(p.environment === undefined ? {} : { environment: p.environment }) })),
    );
    expect(JSON.parse(exportProfiles(PROFILES, { now: NOW, includeLogin: false })).profiles.map((p: { login: string }) => p.login)).toEqual(['', '']);
  });

  it('carries the environment label, and refuses one outside its rules (kind, palette, 24 characters, one line)', () => {
    const file = JSON.parse(base) as { profiles: Record<string, unknown>[] };
    const withEnvironment = (environment: unknown) =>
      JSON.stringify({ ...file, profiles: [{ ...file.profiles[0], environment }] });
    expect(parseProfileFile(withEnvironment({ kind: 'custom', text: 'Training', colour: 'teal' }))[0]?.environment).toEqual({ kind: 'custom', text: 'Training', colour: 'teal' });
    for (const bad of [
      { kind: 'custom', text: 'x'.repeat(25), colour: 'teal' },
      { kind: 'custom', text: 'two\nlines', colour: 'teal' },
      { kind: 'custom', text: '   ', colour: 'teal' },
      { kind: 'production', colour: 'red;}body{display:none' },
      { kind: 'production', colour: '#ff0000' },
      { kind: 'production', colour: 'red', text: 'extra' },
      { kind: 'live', colour: 'red' },
    ]) {
      expect(outcome(withEnvironment(bad)), JSON.stringify(bad)).toMatchObject({ ok: false, problem: 'wrong-shape' });
    }
  });

  it('reads a file saved with a byte-order mark, as bytes or text', () => {
    expect(outcome(`\uFEFF${base}`).ok).toBe(true);
    expect(outcome(new TextEncoder().encode(base)).ok).toBe(true);
  });

  it('refuses named problems with a reason: plain http, wrong pins, too many profiles, a huge file, another format', () => {
    const file = JSON.parse(base);
    const cases: [unknown, string][] = [
      [withValue(file, ['profiles', 0, 'url'], 'http://erp.example.com'), 'insecure-url'],
      [withValue(file, ['profiles', 0, 'url'], 'https://user:pw@erp.example.com'), 'bad-url'],
      [withValue(file, ['profiles', 0, 'pins'], ['sha256/too-short=']), 'bad-pins'],
      [withValue(file, ['profiles', 0, 'pins'], [`sha256/${'A'.repeat(43)}-`]), 'bad-pins'],
      [withValue(file, ['profiles', 0, 'pins'], []), 'wrong-shape'],
      [withValue(file, ['profiles'], Array.from({ length: 51 }, () => file.profiles[0])), 'wrong-shape'],
      [withValue(file, ['format'], 'keepass'), 'wrong-shape'],
      [withValue(file, ['version'], 2), 'wrong-shape'],
      [withValue(file, ['profiles', 0, 'password'], 'hunter2'), 'wrong-shape'],
    ];
    for (const [tree, problem] of cases) expect(outcome(JSON.stringify(tree))).toEqual({ ok: false, problem });
    expect(outcome(' '.repeat(MAX_TRANSFER_BYTES + 1))).toEqual({ ok: false, problem: 'too-large' });
    expect(outcome(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]))).toEqual({ ok: false, problem: 'not-utf8' });
  });

  it('≥ 500 damaged or hostile files: each is a typed refusal or a valid import, and the prototype stays clean', () => {
    const random = rng(20261130);
    const files: (string | Uint8Array)[] = [];
    // Truncated at every byte.
    for (let n = 0; n < base.length; n += 1) files.push(base.slice(0, n));
    // Every value replaced by each wrong type.
    const tree = JSON.parse(base);
    const wrong: unknown[] = [null, 0, -1, 1.5, 1e308, true, '', 'x'.repeat(5000), [], {}, [null], { a: 1 }];
    for (const at of paths(tree).slice(1)) for (const v of wrong) files.push(JSON.stringify(withValue(tree, at, v)));
    // Unknown keys at every level, prototype keys among them.
    const keys = ['__proto__', 'constructor', 'prototype', 'extra', 'secret', 'password'];
    for (const at of paths(tree)) {
      const node = at.reduce<unknown>((n, k) => (n as Record<string | number, unknown>)[k], tree);
      if (node === null || typeof node !== 'object' || Array.isArray(node)) continue;
      // Written as text: an object literal cannot carry an own "__proto__" key into JSON.
      const inner = JSON.stringify(node).slice(0, -1);
      for (const k of keys) files.push(JSON.stringify(withValue(tree, at, 'MARK')).replace('"MARK"', `${inner},"${k}":{"polluted":true}}`));
    }
    // Wrong pins: random lengths and alphabets.
    for (let i = 0; i < 60; i += 1) {
      const bytes = randomBytes(1 + Math.floor(random() * 64));
      const encoded = random() < 0.5 ? bytes.toString('base64') : bytes.toString('base64url');
      files.push(JSON.stringify(withValue(tree, ['profiles', 0, 'pins'], [`sha256/${encoded}`])));
    }
    // Deep nesting, huge arrays, random bytes.
    files.push(`${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    files.push(JSON.stringify(withValue(tree, ['profiles'], Array.from({ length: 2000 }, () => 1))));
    for (let i = 0; i < 40; i += 1) files.push(randomBytes(Math.floor(random() * 2048)));

    expect(files.length).toBeGreaterThanOrEqual(500);
    let refused = 0;
    for (const f of files) {
      const r = outcome(f);
      if (!r.ok) refused += 1;
      else for (const p of r.value) expect(p.pins.length).toBeGreaterThan(0);
    }
    expect(refused).toBeGreaterThan(files.length * 0.9);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
