// The real Keychain: keytar over macOS Keychain, Windows Credential Manager and the
// Secret Service (gnome-keyring, KWallet) on Linux. Its job beyond forwarding calls is to
// turn the many ways a keychain can be missing, locked or refusing into one error the UI
// can explain: AppError('keychain_unavailable') with details.reason.
import { AppError } from '../errors.js';
import { DEFAULT_KEYCHAIN_SERVICE, type Keychain, type KeychainItem } from './keychain.js';

/** The subset of keytar's API used here; injectable so the error mapping can be tested. */
export interface KeytarApi {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
  findCredentials(service: string): Promise<Array<{ account: string; password: string }>>;
}

export type KeychainFailure = 'unreachable' | 'locked' | 'refused' | 'failed';

const MESSAGES: Record<KeychainFailure, string> = {
  unreachable:
    'The system keychain cannot be reached. On Linux, make sure a Secret Service (GNOME Keyring or KWallet) is running in your desktop session, then try again.',
  locked: 'The system keychain is locked. Unlock it (for example by logging in to your desktop keyring), then try again.',
  refused: 'Access to the system keychain was refused. Allow Odoo Companion to use the keychain, then try again.',
  failed: 'The system keychain reported an error. Nothing was changed; try again.',
};

// Patterns seen from libsecret/D-Bus, macOS Security framework and Windows Credential
// Manager. Order matters: "locked" and "refused" are more specific than "unreachable".
const PATTERNS: Array<[KeychainFailure, RegExp]> = [
  ['locked', /locked collection|collection is locked|keyring is locked|is locked|interaction is not allowed|errSecInteractionNotAllowed/i],
  ['refused', /cancel|dismissed|denied|not allowed|errSecAuthFailed|user name or passphrase|-128\b|-25293\b/i],
  [
    'unreachable',
    /could not connect|no such file|dbus|d-bus|autolaunch|org\.freedesktop\.secrets|serviceunknown|was not provided by any|no such interface|secret service|connection refused|timed? ?out|no keychain|errSecNoSuchKeychain|errSecNotAvailable|-25291\b|-25294\b/i,
  ],
];

export function classifyKeychainError(e: unknown): KeychainFailure {
  const text = e instanceof Error ? `${e.name} ${e.message}` : String(e);
  for (const [kind, re] of PATTERNS) if (re.test(text)) return kind;
  return 'failed';
}

/** The AppError for a keytar failure. The original error stays as `cause` (never sent over IPC). */
export function keychainError(e: unknown, operation: string): AppError {
  if (e instanceof AppError) return e;
  const reason = classifyKeychainError(e);
  return new AppError('keychain_unavailable', MESSAGES[reason], { reason, operation }, { cause: e });
}

/** Loads once and keeps the result; a failed load is tried again on the next call. */
function loadedOnce(load: () => Promise<KeytarApi>): () => Promise<KeytarApi> {
  let loading: Promise<KeytarApi> | undefined;
  return () => {
    loading ??= load().catch((e: unknown) => {
      loading = undefined;
      throw e;
    });
    return loading;
  };
}

// Loaded on first use: the native module is not needed until the keychain is touched.
const loadKeytar = loadedOnce(() =>
  import('keytar').then((m) => ((m as { default?: KeytarApi }).default ?? (m as unknown as KeytarApi))),
);

export interface KeytarKeychainOptions {
  service?: string;
  /** keytar itself; injectable so the error mapping can be tested. */
  keytar?: KeytarApi;
  /**
   * How keytar is loaded (default: the native module, once per process). Injectable so a
   * module that cannot load (libsecret missing) can be tested.
   */
  loadKeytar?: () => Promise<KeytarApi>;
}

/**
 * Every keytar call of the process, one after another. Rule: libsecret crashes the
 * process (SIGSEGV in secret_value_get_text) when an item is deleted while a listing reads
 * it, and a profile list refresh can meet a session being dropped; serialising is cheap
 * (a call takes about a millisecond) and removes the race on every platform.
 */
let keytarQueue: Promise<unknown> = Promise.resolve();
function serialised<T>(job: () => Promise<T>): Promise<T> {
  const run = keytarQueue.then(job, job);
  keytarQueue = run.catch(() => undefined);
  return run;
}

export function createKeytarKeychain(options: KeytarKeychainOptions = {}): Keychain {
  const service = options.service ?? DEFAULT_KEYCHAIN_SERVICE;
  const load = options.loadKeytar === undefined ? loadKeytar : loadedOnce(options.loadKeytar);
  const api = async (): Promise<KeytarApi> => {
    if (options.keytar) return options.keytar;
    try {
      return await load();
    } catch (e) {
      throw new AppError('keychain_unavailable', MESSAGES.unreachable, { reason: 'unreachable', operation: 'load' }, { cause: e });
    }
  };
  const call = async <T>(operation: string, fn: (k: KeytarApi) => Promise<T>): Promise<T> => {
    const k = await api();
    try {
      return await serialised(() => fn(k));
    } catch (e) {
      throw keychainError(e, operation);
    }
  };
  return {
    service,
    get: (account) => call('read', (k) => k.getPassword(service, account)),
    set: (account, value) => call('write', (k) => k.setPassword(service, account, value)),
    delete: (account) => call('delete', (k) => k.deletePassword(service, account)),
    findAll: () =>
      call('list', async (k): Promise<KeychainItem[]> =>
        (await k.findCredentials(service)).map((c) => ({ account: c.account, value: c.password })),
      ),
  };
}
