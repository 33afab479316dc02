// Re-pinning a profile: the person chooses which keys of the certificate the server presents
// now to trust from here on — preselected by the default rule (contract/default-pins.ts) —
// and confirms with the vault passphrase or presence again; main then asks once more in a
// native dialog. A certificate the system does not trust also needs an explicit tick.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { Profile, TlsInspection, VaultStatus } from '../../contract';
import { defaultPins } from '../../contract/default-pins';
import { invoke } from '../api';
import { useFailure } from '../app-context';
import { reasonWords } from '../certificate-words';
import { presenceName } from '../format';
import { t } from '../i18n';
import { Fingerprint, roleOf } from '../ui/certificate-card';
import { Dialog } from '../ui/dialog';
import { ProblemNotice } from '../ui/problem-notice';

export function RepinDialog({
  profile,
  tls,
  onClose,
  onDone,
}: {
  profile: Profile;
  tls: TlsInspection;
  onClose: () => void;
  /** Called with the profile as saved, its new pins in it. */
  onDone: (saved: Profile) => Promise<void>;
}) {
  const ids = useId();
  // Preselected: the default for this chain (the authorities' keys, or a self-signed server's own).
  const [pins, setPins] = useState<string[]>(() => defaultPins(tls));
  const [trust, setTrust] = useState(false);
  const [vault, setVault] = useState<VaultStatus | null>(null);
  const [invalid, setInvalid] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const passRef = useRef<HTMLInputElement>(null);
  const [problem, fail, clear] = useFailure();
  const needsTrust = !tls.trustedByOs;
  const leaf = tls.chain[0];

  useEffect(() => {
    invoke('vault:status', {}).then(setVault, () => setVault(null));
  }, []);

  async function confirm(method: 'passphrase' | 'presence', e?: FormEvent) {
    e?.preventDefault();
    clear();
    setInvalid(null);
    if (pins.length === 0) return setInvalid(t('repin.pinOne'));
    if (needsTrust && !trust) return setInvalid(t('repin.confirmChecked'));
    if (needsTrust && leaf !== undefined && !pins.includes(leaf.pin)) return setInvalid(t('repin.leafRequired'));
    const pass = passRef.current?.value ?? '';
    if (passRef.current) passRef.current.value = '';
    if (method === 'passphrase' && pass === '') return setInvalid(t('repin.enterPassphrase'));
    setBusy(true);
    try {
      // The unlock again is the proof that the owner, not a passer-by, changes trust.
      await invoke('vault:unlock', method === 'passphrase' ? { method, passphrase: pass } : { method });
      const saved = await invoke('profiles:repin', { id: profile.id, pins, trustSelfSigned: needsTrust && trust });
      await onDone(saved);
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  }

  const presence = vault?.presence;
  return (
    <Dialog id={`${ids}-repin`} title={t('repin.title', { label: profile.label })} onClose={onClose}>
      <form onSubmit={(e) => void confirm('passphrase', e)} noValidate>
        <p>{t('repin.lead')}</p>
        <fieldset className="plain">
          <legend className="visually-hidden">{t('repin.keys')}</legend>
          {tls.chain.map((c, i) => (
            <div className="check" key={c.pin}>
              <input
                id={`${ids}-p${i}`}
                type="checkbox"
                checked={pins.includes(c.pin)}
                onChange={(e) => setPins((ps) => (e.target.checked ? [...ps, c.pin] : ps.filter((x) => x !== c.pin)))}
              />
              <label htmlFor={`${ids}-p${i}`}>
                <bdi className="ltr">{c.subject}</bdi> <span className="meta">({roleOf(i, tls.chain.length, c)})</span> <Fingerprint value={c.fingerprintSha256} />
              </label>
            </div>
          ))}
        </fieldset>
        {needsTrust && <p className="notice notice--warn">{reasonWords(tls.osError)}</p>}
        {needsTrust && (
          <div className="check">
            <input id={`${ids}-trust`} type="checkbox" checked={trust} onChange={(e) => setTrust(e.target.checked)} />
            <label htmlFor={`${ids}-trust`}>{t('repin.trust')}</label>
          </div>
        )}
        <div className="field">
          <label htmlFor={`${ids}-pass`}>{t('common.vaultPassphrase')}</label>
          <input ref={passRef} id={`${ids}-pass`} type="password" autoComplete="current-password" maxLength={1024} autoFocus />
        </div>
        {invalid !== null && (
          <p className="field-error" role="alert">
            {invalid}
          </p>
        )}
        {problem !== null && <ProblemNotice problem={problem} />}
        <div className="actions">
          <button type="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          {presence !== undefined && presence.available && presence.enabled && (
            <button type="button" onClick={() => void confirm('presence')} disabled={busy}>
              {t('repin.withPresence', { name: presenceName(presence.kind) })}
            </button>
          )}
          <button type="submit" className="primary" disabled={busy}>
            {t('repin.confirm')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
