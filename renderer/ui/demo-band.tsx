// The band every screen of the demo shows, so nobody mistakes it for their real app. It
// appears only when the core says it is a demo (app:info.demo), with the demo's hints
// (read again every few seconds and when the profiles change: one hint is the current
// two-factor code).
import { useEffect, useState } from 'react';
import { invoke, on } from '../api';
import { t } from '../i18n';

const REFRESH_MS = 5000;

export function DemoBand() {
  const [hints, setHints] = useState<string[] | null>(null);
  useEffect(() => {
    let timer: ReturnType<typeof setInterval> | undefined;
    let off = (): void => {};
    let stopped = false;
    const read = (): void => {
      invoke('app:info', {}).then(
        (info) => {
          if (stopped || info.demo === undefined) return;
          setHints(info.demo.hints);
          if (timer === undefined) {
            timer = setInterval(read, REFRESH_MS);
            off = on('profiles:changed', read);
          }
        },
        () => {},
      );
    };
    read();
    return () => {
      stopped = true;
      clearInterval(timer);
      off();
    };
  }, []);
  if (hints === null) return null;
  return (
    <div className="demo-band" role="note" data-testid="demo-band">
      <strong>{t('demo.band')}</strong>
      {hints.join(' · ')}
    </div>
  );
}
