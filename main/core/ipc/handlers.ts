// Binds every contract channel to the core services. This is the composition point the
// Electron shell and the e2e harness share: give it the services, get the handler table
// for createDispatch.
import type { VaultState } from '../../../preload/contract.js';
import type { Handlers } from './dispatch.js';

export interface AppMeta {
  name: string;
  version: string;
  platform: string;
}

export interface HandlerDeps {
  app: AppMeta;
  vaultState: () => VaultState;
}

function platformOf(p: string): 'darwin' | 'win32' | 'linux' | 'other' {
  return p === 'darwin' || p === 'win32' || p === 'linux' ? p : 'other';
}

export function createHandlers(deps: HandlerDeps): Partial<Handlers> {
  return {
    'app:info': () => ({
      name: deps.app.name,
      version: deps.app.version,
      platform: platformOf(deps.app.platform),
      vaultState: deps.vaultState(),
    }),
  };
}
