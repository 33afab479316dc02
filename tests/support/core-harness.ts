// The real core (createCompanionCore) for integration and e2e tests: a temporary data
// folder, the real keychain on a fresh service (or the in-memory one), cheap scrypt
// parameters, a fake clock and idle source when asked, and a shell that records what the
// core asked of it (Odoo windows opened and closed, events pushed to the UI).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import type { EventName, EventPayload } from '../../contract/index.js';
import { createCompanionCore, type CompanionCore, type CompanionPorts } from '../../main/core/companion.js';
import type { Keychain } from '../../main/core/secrets/keychain.js';
import { createKeytarKeychain } from '../../main/core/secrets/keytar-keychain.js';
import { createMemoryKeychain } from '../../main/core/secrets/memory-keychain.js';
import type { OdooWindowRequest, ShellPort } from '../../main/core/shell/ports.js';
import type { ConfirmRequest } from '../../main/core/shell/confirmations.js';
import { purgeService, rawItems, uniqueService } from './keychain.js';

export class RecordingShell implements ShellPort {
  readonly opened: OdooWindowRequest[] = [];
  /** Every native confirmation main asked for. */
  readonly confirmations: ConfirmRequest[] = [];
  /** What the person answers in main's dialog (the renderer cannot answer it). */
  confirmAnswer = true;
  readonly closed: (string | undefined)[] = [];
  readonly events: [EventName, unknown][] = [];
  /** How many times the UI said it listens ('ui:ready'). */
  readyCalls = 0;
  private readonly listeners = new Set<(event: EventName, payload: unknown) => void>();

  async openOdooWindow(request: OdooWindowRequest): Promise<void> {
    this.opened.push(request);
  }
  async closeOdooWindows(profileId?: string): Promise<void> {
    this.closed.push(profileId);
  }
  rendererReady(): void {
    this.readyCalls += 1;
  }
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    this.events.push([event, payload]);
    for (const l of this.listeners) l(event, payload);
  }
  async confirm(request: ConfirmRequest): Promise<boolean> {
    this.confirmations.push(request);
    return this.confirmAnswer;
  }
  /** Forwards every event (the e2e harness pushes them into the page). */
  forward(listener: (event: EventName, payload: unknown) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

export interface CoreHarness {
  core: CompanionCore;
  shell: RecordingShell;
  dataDir: string;
  keychain: Keychain;
  /** The keychain service (real keychain only), for raw dumps. */
  service: string | null;
  /** Every value the OS keychain holds for this run, as a dump would show it. */
  rawKeychain(): Promise<string>;
  /** Every file the app wrote under its data folder, concatenated. */
  dataFiles(): string;
  close(): Promise<void>;
}

export const CHEAP_SCRYPT = { N: 2 ** 10, r: 8, p: 1 } as const;

export async function startCore(
  options: {
    keychain?: 'memory' | 'os';
    /** Wraps the keychain the core gets (e.g. to make the real one fail on demand). */
    wrapKeychain?: (keychain: Keychain) => Keychain;
  } & Partial<Omit<CompanionPorts, 'keychain' | 'shell' | 'dataDir'>> = {},
): Promise<CoreHarness> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'companion-data-'));
  const service = options.keychain === 'os' ? uniqueService('core') : null;
  const base = service === null ? createMemoryKeychain() : createKeytarKeychain({ service });
  const keychain = options.wrapKeychain?.(base) ?? base;
  const shell = new RecordingShell();
  const { keychain: _kind, wrapKeychain: _wrap, ...rest } = options;
  const core = await createCompanionCore({
    app: { name: 'Odoo Companion', version: '0.1.0', platform: 'linux' },
    scryptParams: CHEAP_SCRYPT,
    ...rest,
    dataDir,
    keychain,
    shell,
  });
  return {
    core,
    shell,
    dataDir,
    keychain,
    service,
    async rawKeychain() {
      if (service !== null) return JSON.stringify(await rawItems(service));
      return JSON.stringify(await keychain.findAll());
    },
    dataFiles() {
      const out: string[] = [];
      const walk = (dir: string): void => {
        for (const name of readdirSync(dir)) {
          const full = path.join(dir, name);
          if (statSync(full).isDirectory()) walk(full);
          else out.push(`${name}\n${readFileSync(full, 'utf8')}`);
        }
      };
      walk(dataDir);
      return out.join('\n');
    },
    async close() {
      await core.shutdown();
      if (service !== null) await purgeService(service);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Calls a channel through the real dispatcher and returns the value, or fails the test. */
export async function ok<T = unknown>(core: CompanionCore, channel: string, input: unknown): Promise<T> {
  const r = await core.dispatch(channel, input);
  if (!r.ok) throw new Error(`${channel} failed: ${r.error.code} ${r.error.message}`);
  return r.value as T;
}

/** Calls a channel that must fail, and returns its wire error. */
export async function fails(core: CompanionCore, channel: string, input: unknown) {
  const r = await core.dispatch(channel, input);
  if (r.ok) throw new Error(`${channel} should have failed`);
  return r.error;
}

/** A pin no server presents: the backup pin a saved https profile keeps beside its server's. */
export function randomPin(): string {
  return `sha256/${randomBytes(32).toString('base64')}`;
}

/** What a new profile for `origin` pins: the key the server presents now (probed through the core), and a backup. */
export async function pinsFor(core: CompanionCore, origin: string): Promise<string[]> {
  const probe = await ok<{ tls: { chain: { pin: string }[] } | null }>(core, 'profiles:probe', { url: origin });
  if (probe.tls === null) throw new Error(`${origin} has no certificate to pin`);
  return [probe.tls.chain[0]!.pin, randomPin()];
}

/** Asserts that none of the canary secrets appears in `haystack`. */
export function expectNoCanary(haystack: string, canaries: readonly string[], where: string): void {
  for (const c of canaries) expect(haystack.includes(c), `${where} contains a secret`).toBe(false);
}
