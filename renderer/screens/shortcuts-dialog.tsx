// Why: the keyboard shortcuts are only worth having when people can find them: "?" (when
// not typing) lists them in a dialog — the global quick search, search on a profile's
// page, lock, and this list — each written the way the platform writes it.
import { t } from '../i18n';
import { formatAccelerator, withPrimary, type Platform } from '../shortcuts';
import { Dialog } from '../ui/dialog';

export function ShortcutsDialog({ platform, globalShortcut, onClose }: { platform: Platform; globalShortcut: string | null; onClose: () => void }) {
  const rows: { keys: string[]; what: string }[] = [
    { keys: [withPrimary('K', platform), '/'], what: t('keys.search') },
    { keys: [withPrimary('L', platform)], what: t('keys.lock') },
    { keys: ['?'], what: t('keys.help') },
  ];
  if (globalShortcut !== null) rows.unshift({ keys: [formatAccelerator(globalShortcut, platform)], what: t('keys.quickSearch') });
  return (
    <Dialog id="keyboard-shortcuts" title={t('keys.title')} onClose={onClose}>
      <dl className="shortcut-list">
        {rows.map((row) => (
          <div key={row.what} className="shortcut-list__row">
            <dt>
              {row.keys.map((k, i) => (
                <span key={k}>
                  {i > 0 && <span className="meta-inline"> {t('keys.or')} </span>}
                  <kbd className="ltr">{k}</kbd>
                </span>
              ))}
            </dt>
            <dd>{row.what}</dd>
          </div>
        ))}
      </dl>
      <div className="actions">
        <button type="button" className="primary" onClick={onClose} autoFocus>
          {t('keys.close')}
        </button>
      </div>
    </Dialog>
  );
}
