// The real core for the e2e tier: createCompanionCore on a temporary data folder, the
// real keychain (a fresh service in the test keyring session), cheap scrypt parameters,
// and real TLS Odoo test servers on loopback trusted through the test PKI's root (a
// CA-issued chain, as a production Odoo presents) or self-signed, or plain http on this
// computer. Every state a screen needs is reached through the real channels and real
// servers. What stands in is only what cannot run here, each said where it is made:
// - the platform presence check (Touch ID / Windows Hello) — there is none on this
//   machine, so FakePresence answers for it;
// - a keychain that fails on demand — the real one cannot be made unavailable at will, so
//   a switch in front of it throws the keytar adapter's own error mapping;
// - the desktop's global-shortcut registry (Electron's globalShortcut, behind the shell's
//   applySettings), which answers "taken" for a shortcut another application owns.
import type { ChannelInput, ChannelName, ChannelOutput, Settings } from '../../../contract/index.js';
import { startCore, type CoreHarness } from '../../support/core-harness.js';
import { createTestPki, opensslSpkiPin, type TestPki } from '../../support/pki.js';
import { DEMO_USERS, startOdooServer, type OdooServerOptions, type OdooTestServer } from '../../support/odoo-server/index.js';
import { AppError } from '../../../main/core/errors.js';
import { parsePolicy } from '../../../main/core/settings/admin-policy.js';
import type { Keychain, KeychainItem } from '../../../main/core/secrets/keychain.js';
import { keychainError } from '../../../main/core/secrets/keytar-keychain.js';
import type { SecretKind } from '../../../main/core/secrets/types.js';
import { FakeClock, FakeIdleSource, FakePresence } from '../../support/fakes.js';
import type { CoreListener, TestCore } from './test-core.js';

let pki: Promise<TestPki> | null = null;

/** One throwaway PKI per test file (root, intermediate, leaves). */
export function testPki(): Promise<TestPki> {
  pki ??= createTestPki();
  return pki;
}

/** The SPKI pin of a certificate (PEM), computed by openssl, not by the code under test. */
export const pinOf = (certPem: string): Promise<string> => opensslSpkiPin(certPem);

/**
 * The real keychain, with a switch that makes it unreachable. Why a stand-in: gnome-keyring
 * cannot be made to fail on demand while the test runs; when it is down keytar rejects
 * with libsecret's D-Bus error, which is exactly what this throws through the keytar
 * adapter's own mapping (keychainError), so the core sees what it would see for real.
 */
export class KeychainSwitch implements Keychain {
  down = false;
  private readonly inner: Keychain;
  constructor(inner: Keychain) {
    this.inner = inner;
  }
  get service(): string {
    return this.inner.service;
  }
  private run<T>(operation: string, job: () => Promise<T>): Promise<T> {
    if (this.down) {
      return Promise.reject(keychainError(new Error('The name org.freedesktop.secrets was not provided by any .service files'), operation));
    }
    return job();
  }
  get(account: string): Promise<string | null> {
    return this.run('read', () => this.inner.get(account));
  }
  set(account: string, value: string): Promise<void> {
    return this.run('write', () => this.inner.set(account, value));
  }
  delete(account: string): Promise<boolean> {
    return this.run('delete', () => this.inner.delete(account));
  }
  findAll(): Promise<KeychainItem[]> {
    return this.run('list', () => this.inner.findAll());
  }
}

/**
 * The desktop's global-shortcut registry, which the core reaches through the shell's
 * applySettings (Electron's globalShortcut in main/app). Neither Electron nor a desktop
 * session runs here, so this answers as the OS does when another application already owns
 * the keys (Ctrl+Alt+T is the terminal's on GNOME).
 */
export const TAKEN_SHORTCUTS = new Set(['CommandOrControl+Alt+T', 'Ctrl+Alt+T']);
async function desktopShortcuts(next: Settings, previous: Settings): Promise<void> {
  if (next.shortcut !== previous.shortcut && TAKEN_SHORTCUTS.has(next.shortcut)) {
    throw new AppError('shortcut_unavailable', 'Another application already uses this shortcut. Choose another one in Settings.', {
      shortcut: next.shortcut,
    });
  }
}

export interface RealCoreOptions {
  /** A fake clock and idle source, so walking away is a clock step (auto-lock). Default: the system clock, no auto-lock. */
  fakeTime?: boolean;
  /** Touch ID is available (the platform check answers through FakePresence). */
  presence?: boolean;
  /** The OS's preferred languages, best first (default: none, so English). */
  systemLanguages?: string[];
  /** More roots the system trusts besides the test PKI's (say, a proxy's CA installed by IT). */
  extraRoots?: string[];
  /** The administrator's policy file's content, read by the core's own parser as at start. */
  policy?: string;
  /** Main's save dialog for profile files: what the person answers (the file's text is kept in `savedFiles`). */
  saveDialog?: 'save' | 'cancel';
}

export interface RealCore extends TestCore {
  harness: CoreHarness;
  presence: FakePresence;
  keychain: KeychainSwitch;
  /** Calls a channel through the real dispatcher (as the page would) and returns its value, or throws. */
  call<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>>;
  /** Starts an Odoo test server stopped with the core; the network trusts the test PKI's root. */
  startServer(options?: OdooServerOptions): Promise<OdooTestServer>;
  /** Adds a secret every canary sweep must look for (the vault passphrase, a changed password). */
  plant(secret: string): void;
  /** Locks the vault without the page hearing of it (as if the event were lost on the way). */
  lockSilently(): void;
  /** The person deletes one of the app's items in their keyring manager (the real keychain). */
  deleteKeychainItem(profileId: string, kind: SecretKind): Promise<void>;
  /** Every odoo:search the page sent, in order, and whether its answer came back. */
  searches: { query: string; settled: boolean }[];
  /** Profile files written through main's save dialog, in order. */
  savedFiles: { name: string; text: string }[];
}

export async function startRealCore(options: RealCoreOptions = {}): Promise<RealCore> {
  const { root } = await testPki();
  const clock = options.fakeTime ? new FakeClock(Date.now()) : null;
  const idle = clock === null ? null : new FakeIdleSource(clock);
  const presence = new FakePresence('touch-id', options.presence ?? false);
  const savedFiles: { name: string; text: string }[] = [];
  const h = await startCore({
    keychain: 'os',
    wrapKeychain: (k) => new KeychainSwitch(k),
    network: { ca: [root.certPem, ...(options.extraRoots ?? [])] },
    presence,
    applySettings: desktopShortcuts,
    systemLanguages: () => options.systemLanguages ?? [],
    ...(options.policy === undefined ? {} : { policy: parsePolicy('/etc/odoo-companion/policy.json', options.policy) }),
    saveProfileFile: async (name: string, text: string) => {
      if (options.saveDialog === 'cancel') return false;
      savedFiles.push({ name, text });
      return true;
    },
    ...(clock === null || idle === null ? {} : { clock, idle }),
  });
  const servers: OdooTestServer[] = [];
  const planted: string[] = [];
  const searches: { query: string; settled: boolean }[] = [];
  const listeners = new Set<CoreListener>();
  let muted = false;
  const offForward = h.shell.forward((event, payload) => {
    if (muted) return;
    for (const l of listeners) (l as (e: string, p: unknown) => void)(event, payload);
  });
  if (!(h.keychain instanceof KeychainSwitch)) throw new Error('the core harness did not wrap the keychain');
  const keychain = h.keychain;

  const core: RealCore = {
    dispatch: async (channel, input) => {
      // A request from the page means the person is at the keyboard: OS idle time restarts.
      idle?.input();
      const search = channel === 'odoo:search' ? { query: String((input as { query?: unknown }).query), settled: false } : null;
      if (search !== null) searches.push(search);
      try {
        return await h.core.dispatch(channel, input);
      } finally {
        if (search !== null) search.settled = true;
      }
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    get canaries() {
      return [
        ...planted,
        ...DEMO_USERS.flatMap((u) => [u.password, u.apiKey]),
        ...servers.flatMap((s) => s.issuedSecrets()),
        // Cookie values handed to Odoo windows are secrets too.
        ...h.shell.opened.flatMap((w) => w.cookies.map((c) => c.value)),
      ];
    },
    async idle() {
      if (clock === null) throw new Error('idle() needs { fakeTime: true }');
      // The person walks away: no input for longer than the 15-minute default.
      clock.advance(16 * 60_000);
    },
    get opened() {
      return h.shell.opened.map((w) => ({ profileId: w.profileId, url: w.url }));
    },
    dataDir: h.dataDir,
    harness: h,
    presence,
    keychain,
    async call(channel, input) {
      const r = await h.core.dispatch(channel, input);
      if (!r.ok) throw new Error(`${channel} failed: ${r.error.code} ${r.error.message}`);
      return r.value as ChannelOutput<typeof channel>;
    },
    async startServer(serverOptions = {}) {
      const server = await startOdooServer(serverOptions);
      servers.push(server);
      return server;
    },
    plant(secret) {
      planted.push(secret);
    },
    lockSilently() {
      muted = true;
      try {
        h.core.lock('manual');
      } finally {
        muted = false;
      }
    },
    async deleteKeychainItem(profileId, kind) {
      // Straight to the OS keychain (through the one-at-a-time queue), behind the vault's back.
      await keychain.delete(`${profileId}/${kind}`);
    },
    searches,
    savedFiles,
    async close() {
      offForward();
      await h.close();
      await Promise.all(servers.map((s) => s.stop()));
    },
  };
  return core;
}

/**
 * How most stories start: a real core whose vault is created under `passphrase` (planted as
 * a canary), one Odoo 17 test server behind the test PKI's CA-issued certificate, and what
 * the wizard's first step learns of it.
 */
export async function coreWithOdoo(passphrase: string): Promise<{ core: RealCore; odoo: OdooTestServer; pki: TestPki; probe: ChannelOutput<'profiles:probe'> }> {
  const core = await startRealCore();
  core.plant(passphrase);
  const testCa = await testPki();
  const odoo = await core.startServer({ version: 17, certificate: { key: testCa.leafRsa.keyPem, chain: testCa.leafRsa.chainPem } });
  await core.call('vault:create', { passphrase, enablePresence: false });
  const probe = await core.call('profiles:probe', { url: odoo.origin });
  return { core, odoo, pki: testCa, probe };
}
