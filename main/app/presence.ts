// The vault's UserPresence port per platform: Touch ID on macOS (systemPreferences),
// Windows Hello on Windows (PowerShell bridge to UserConsentVerifier — why that bridge is
// explained in core/shell/windows-hello.ts), none on Linux (passphrase only).
// A presence check only ever answers true for a verification the platform reported as
// successful; every error, cancel or timeout is false, and the vault falls back to the
// passphrase.
import { safeStorage, systemPreferences } from 'electron';
import { execFile } from 'node:child_process';
import {
  HELLO_CHALLENGE_ENV,
  HELLO_MESSAGE_ENV,
  HELLO_MODE_ENV,
  helloAvailable,
  helloPowerShellArgs,
  helloVerified,
  powerShellPath,
  readHelloSignature,
} from '../core/shell/windows-hello.js';
import { protectedStoreSealer, signatureSealer, type ProtectedStore } from '../core/vault/presence-seal.js';
import { noUserPresence, type UserPresence } from '../core/vault/ports.js';

/** Runs the Windows Hello script with extra environment variables; resolves with stdout. */
export type RunPowerShell = (env: Record<string, string>) => Promise<string>;

/** How long a Windows Hello prompt may stay open before it counts as refused. */
const HELLO_TIMEOUT_MS = 120_000;
/** The availability answer is reused this long (each check starts a process). */
const AVAILABILITY_TTL_MS = 60_000;

export const runPowerShell: RunPowerShell = (env) =>
  new Promise((resolve, reject) => {
    execFile(
      powerShellPath(process.env.SystemRoot),
      helloPowerShellArgs(),
      { windowsHide: true, timeout: HELLO_TIMEOUT_MS, maxBuffer: 64 * 1024, env: { ...process.env, ...env } },
      (error, stdout) => (error ? reject(error) : resolve(String(stdout))),
    );
  });

/**
 * Electron's safeStorage: on macOS its key sits in a keychain item that only this signed
 * app reads without a prompt; the presence copy of the vault key is encrypted with it.
 * Electron 45 has the synchronous calls; 46 replaces them with *Async ones (same data).
 */
export const safeStorageStore: ProtectedStore = {
  isAvailable: async () => safeStorage.isEncryptionAvailable(),
  encrypt: async (plain) => safeStorage.encryptString(plain),
  decrypt: async (sealed) => safeStorage.decryptString(sealed),
};

export function touchIdPresence(store: ProtectedStore = safeStorageStore): UserPresence {
  const verify = async (reason: string): Promise<boolean> => {
    if (!systemPreferences.canPromptTouchID()) return false;
    try {
      await systemPreferences.promptTouchID(reason);
      return true;
    } catch {
      return false;
    }
  };
  return {
    kind: 'touch-id',
    isAvailable: async () => systemPreferences.canPromptTouchID() && (await store.isAvailable()),
    verify,
    // Touch ID gates the OS protected store; the OS does not tie the key to the finger
    // (no biometry-bound keychain item without a native module: docs/security.md).
    sealer: protectedStoreSealer(verify, store),
  };
}

export function windowsHelloPresence(run: RunPowerShell = runPowerShell, now: () => number = Date.now): UserPresence {
  let cached: { value: boolean; at: number } | null = null;
  return {
    kind: 'windows-hello',
    async isAvailable() {
      if (cached !== null && now() - cached.at < AVAILABILITY_TTL_MS) return cached.value;
      let value: boolean;
      try {
        value = helloAvailable(await run({ [HELLO_MODE_ENV]: 'check' }));
      } catch {
        value = false;
      }
      cached = { value, at: now() };
      return value;
    },
    async verify(reason) {
      try {
        return helloVerified(await run({ [HELLO_MODE_ENV]: 'verify', [HELLO_MESSAGE_ENV]: reason.slice(0, 200) }));
      } catch {
        return false;
      }
    },
    // The presence copy is sealed under a key derived from the Hello key's signature.
    sealer: signatureSealer(async (challenge, reason) => {
      try {
        return readHelloSignature(
          await run({
            [HELLO_MODE_ENV]: 'sign',
            [HELLO_MESSAGE_ENV]: reason.slice(0, 200),
            [HELLO_CHALLENGE_ENV]: challenge.toString('base64'),
          }),
        );
      } catch {
        return null;
      }
    }),
  };
}

export function createUserPresence(platform: string, run?: RunPowerShell): UserPresence {
  if (platform === 'darwin') return touchIdPresence();
  if (platform === 'win32') return windowsHelloPresence(run);
  return noUserPresence;
}
