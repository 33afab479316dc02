// Why: a global shortcut is a set of keys, not text: the person presses the keys and sees
// them in their platform's words, instead of typing an Electron accelerator. Escape (or
// leaving the control) cancels; a shortcut that is refused — no modifier, the system's,
// another application's — says why right next to it, and the control shows the shortcut
// still in effect.
import { useId, useState, type KeyboardEvent } from 'react';
import type { Problem } from '../errors';
import { t } from '../i18n';
import { formatAccelerator, recordKey, type Platform } from '../shortcuts';
import { ProblemNotice } from '../ui/problem-notice';

export function ShortcutRecorder({
  current,
  platform,
  onRecord,
  problem,
}: {
  /** The shortcut in effect (an Electron accelerator). */
  current: string;
  platform: Platform;
  /** Saves a recorded shortcut; resolves with the problem when it was refused. */
  onRecord: (accelerator: string) => Promise<Problem | null>;
  /** Main's refusal of the last recorded shortcut, shown next to the control. */
  problem: Problem | null;
}) {
  const ids = useId();
  const [recording, setRecording] = useState(false);
  const [held, setHeld] = useState('');
  const [local, setLocal] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const example = formatAccelerator('CommandOrControl+Shift+Space', platform);
  const meta = platform === 'darwin' ? '⌘' : platform === 'win32' ? 'Win' : 'Super';

  function stop() {
    setRecording(false);
    setHeld('');
  }

  async function onKeyDown(e: KeyboardEvent<HTMLButtonElement>) {
    if (!recording || busy) return;
    const plain = !e.ctrlKey && !e.metaKey && !e.altKey;
    // Tab still moves on (the keyboard is never trapped); Escape cancels.
    if (plain && e.key === 'Tab') return stop();
    e.preventDefault();
    e.stopPropagation();
    if (plain && !e.shiftKey && e.key === 'Escape') return stop();
    const r = recordKey(e, platform);
    if (r.kind === 'partial') return setHeld(r.held);
    if (r.kind === 'needs-modifier') {
      setHeld('');
      return setLocal(t('settings.shortcutNeedsModifier', { meta }));
    }
    setLocal(null);
    setBusy(true);
    try {
      await onRecord(r.accelerator);
    } finally {
      setBusy(false);
      stop();
    }
  }

  const errorId = `${ids}-error`;
  const hasError = local !== null || problem !== null;
  return (
    <div className="field">
      <label htmlFor={`${ids}-recorder`} id={`${ids}-label`}>
        {t('settings.shortcut')}
      </label>
      <div className="inline">
        <button
          id={`${ids}-recorder`}
          type="button"
          className={recording ? 'shortcut-recorder shortcut-recorder--recording' : 'shortcut-recorder'}
          aria-labelledby={`${ids}-label ${ids}-value`}
          aria-describedby={[`${ids}-help`, hasError ? errorId : ''].join(' ').trim()}
          aria-invalid={hasError || undefined}
          aria-pressed={recording}
          onClick={() => {
            if (recording) return;
            setLocal(null);
            setRecording(true);
          }}
          onKeyDown={(e) => void onKeyDown(e)}
          onBlur={stop}
        >
          <span id={`${ids}-value`}>
            {recording ? (held !== '' ? held : t('settings.shortcutPress')) : <kbd className="ltr">{formatAccelerator(current, platform)}</kbd>}
          </span>
        </button>
      </div>
      <p className="hint" id={`${ids}-help`}>
        {recording ? t('settings.shortcutRecording') : t('settings.shortcutHelp', { example })}
      </p>
      {hasError && (
        <div id={errorId} className="control-problem">
          {local !== null ? (
            <p className="field-error" role="alert">
              {local}
            </p>
          ) : (
            problem !== null && (
              <>
                <ProblemNotice problem={problem} />
                <p className="hint">{t('settings.shortcutStill', { shortcut: formatAccelerator(current, platform) })}</p>
              </>
            )
          )}
        </div>
      )}
    </div>
  );
}
