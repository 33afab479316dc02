// The demo's core: the real createCompanionCore on a throw-away data folder and an
// in-memory keychain, against the bundled Odoo test server (demo data, a two-factor user,
// the odoo_jwt routes) on loopback TLS. Once the person has chosen a passphrase, three
// ready profiles are saved through the real channels, so every flow can be tried at once.
// Lives outside main/ so the packaged app never contains any of it.
import { createHash, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ChannelInput, ChannelName, ChannelOutput, EventName } from '../../contract/index.js';
import { createCompanionCore } from '../../main/core/companion.js';
import type { Dispatch } from '../../main/core/ipc/dispatch.js';
import { createMemoryKeychain } from '../../main/core/secrets/memory-keychain.js';
import type { OdooWindowRequest, ShellPort } from '../../main/core/shell/ports.js';
import type { ConfirmRequest } from '../../main/core/shell/confirmations.js';
import { startOdooServer, type OdooTestServer } from '../../tests/support/odoo-server/index.js';

export type DemoEventListener = (event: EventName, payload: unknown) => void;

export interface DemoCore {
  dispatch: Dispatch;
  onEvent(listener: DemoEventListener): () => void;
  server: OdooTestServer;
  close(): Promise<void>;
}

/** What the demo shows of the desktop shell: a line in the terminal where the app would open a window or a dialog. */
class DemoShell implements ShellPort {
  readonly listeners = new Set<DemoEventListener>();
  constructor(private readonly say: (line: string) => void) {}
  async openOdooWindow(request: OdooWindowRequest): Promise<void> {
    this.say(`The app would now open "${request.title}" in its own pinned, signed-in Odoo window at ${request.url}.`);
  }
  async closeOdooWindows(): Promise<void> {}
  emit(event: EventName, payload: unknown): void {
    for (const l of this.listeners) l(event, payload);
  }
  rendererReady(): void {}
  async confirm(request: ConfirmRequest): Promise<boolean> {
    // The app asks in a native dialog; the demo has none and goes ahead (nothing is kept anyway).
    this.say(`The app would ask for confirmation in a native dialog ("${request.title}"); the demo goes ahead.`);
    return true;
  }
}

const READY_PROFILES = [
  { label: 'Marc — Odoo account', login: 'demo', authMethod: 'account' },
  { label: 'Tina — two-factor (TOTP)', login: 'totp', authMethod: 'password' },
  { label: 'Mitchell — odoo_jwt', login: 'admin', authMethod: 'jwt' },
] as const;

function backupPin(): string {
  const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  return `sha256/${createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('base64')}`;
}

export async function startDemoCore(options: { say?: (line: string) => void } = {}): Promise<DemoCore> {
  const say = options.say ?? ((line: string) => console.log(line));
  const server = await startOdooServer();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'companion-demo-'));
  const shell = new DemoShell(say);
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { productName: string; version: string };
  let seeded = false;
  const core = await createCompanionCore({
    app: {
      name: pkg.productName,
      version: pkg.version,
      platform: process.platform,
      demoHints: () => [
        seeded ? 'Three ready profiles: Odoo account, two-factor (TOTP) and JWT.' : 'Choose any passphrase: three ready profiles appear.',
        `Tina's two-factor code now: ${server.totpCode('totp')}`,
        `Add your own: ${server.origin}, database ${server.database}, login demo, password ${server.user('demo').password}`,
      ],
    },
    dataDir,
    keychain: createMemoryKeychain('odoo-companion-demo'),
    shell,
    onUnexpectedError: (where) => say(`demo: unexpected error in ${where}`),
  });

  async function call<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
    const r = await core.dispatch(channel, input);
    if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message} ${JSON.stringify(r.error.details ?? {})}`);
    return r.value as ChannelOutput<C>;
  }

  async function seed(): Promise<void> {
    const probe = await call('profiles:probe', { url: server.origin });
    // The server's own key, plus a backup key kept aside (as an administrator would hand one out).
    const pins = [...(probe.tls?.chain.map((c) => c.pin) ?? []), backupPin()];
    const trustSelfSigned = probe.tls !== null && !probe.tls.trustedByOs;
    for (const p of READY_PROFILES) {
      try {
        await call('profiles:save', {
          label: p.label,
          url: server.origin,
          database: server.database,
          login: p.login,
          authMethod: p.authMethod,
          transport: 'auto',
          pins,
          trustSelfSigned,
          secret: server.user(p.login).password,
        });
      } catch (error) {
        say(`demo: the ready profile "${p.label}" could not be saved (${error instanceof Error ? error.message : 'unknown'}).`);
      }
    }
    seeded = true;
    shell.emit('profiles:changed', {});
  }

  const dispatch: Dispatch = async (channel, input) => {
    const result = await core.dispatch(channel, input);
    if (channel === 'vault:create' && result.ok && !seeded) await seed();
    return result;
  };

  return {
    dispatch,
    onEvent(listener) {
      shell.listeners.add(listener);
      return () => shell.listeners.delete(listener);
    },
    server,
    async close() {
      await core.shutdown();
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
