// Top-level screen switch. The first thing anyone sees is the vault's state: the app
// starts locked (or, on first run, asks for a vault passphrase).
import { useEffect, useState } from 'react';
import type { ChannelOutput } from '../preload/contract';
import { call, CompanionError } from './api';

type Info = ChannelOutput<'app:info'>;

export function App() {
  const [info, setInfo] = useState<Info | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    call('app:info', {}).then(setInfo, (e: unknown) =>
      setError(e instanceof CompanionError ? e.message : 'Odoo Companion could not start.'),
    );
  }, []);

  return (
    <main className="screen screen--center" aria-busy={info === null && error === null}>
      <section className="card" aria-labelledby="title">
        <div className="brand" aria-hidden="true">
          <span className="brand__mark">◆</span>
        </div>
        <h1 id="title">Odoo Companion</h1>
        {error !== null && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        {info !== null && (
          <>
            <p className="lead">
              {info.vaultState === 'uninitialized'
                ? 'Welcome. Create a vault passphrase to keep your Odoo credentials safe on this computer.'
                : info.vaultState === 'locked'
                  ? 'Your vault is locked.'
                  : 'Your vault is unlocked.'}
            </p>
            <p className="meta">
              Version {info.version} · {info.platform} · vault <strong data-testid="vault-state">{info.vaultState}</strong>
            </p>
          </>
        )}
      </section>
    </main>
  );
}
