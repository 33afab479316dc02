// Why: acting on one activity without opening Odoo — "Done" with an optional feedback line
// (as Odoo's own Done asks), reschedule (tomorrow, next week, a chosen day) and open the
// record. Odoo's refusal is shown next to the activity it is about, in Odoo's words; what
// succeeded is handed to the list, which moves or drops the row without a reload.
import { useId, useState } from 'react';
import type { ChannelInput, ChannelOutput, LabelledActivityView } from '../../../contract';
import { invoke } from '../../api';
import { useFailure } from '../../app-context';
import { EnvironmentChip } from '../../environment-label';
import { dueText } from '../../format';
import { t } from '../../i18n';
import type { OpenInOdoo } from '../../navigation';
import { ProblemNotice } from '../../ui/problem-notice';

export type Rescheduled = ChannelOutput<'odoo:activityReschedule'>;
type Target = ChannelInput<'odoo:activityReschedule'>['to'];

export function ActivityRow({
  activity,
  openInOdoo,
  onDone,
  onRescheduled,
}: {
  activity: LabelledActivityView;
  openInOdoo: OpenInOdoo;
  onDone: (a: LabelledActivityView) => void;
  onRescheduled: (a: LabelledActivityView, r: Rescheduled) => void;
}) {
  const ids = useId();
  const [mode, setMode] = useState<'idle' | 'done' | 'reschedule'>('idle');
  const [feedback, setFeedback] = useState('');
  const [date, setDate] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, fail, clear] = useFailure();
  const name = activity.summary || activity.activityType || t('home.activity');
  const ref = { profileId: activity.profileId, activityId: activity.id };

  async function markDone() {
    clear();
    setBusy(true);
    try {
      const note = feedback.trim();
      await invoke('odoo:activityDone', note === '' ? ref : { ...ref, feedback: note.slice(0, 2000) });
      onDone(activity);
    } catch (e) {
      fail(e);
      setBusy(false);
    }
  }

  async function reschedule(to: Target) {
    clear();
    setBusy(true);
    try {
      const r = await invoke('odoo:activityReschedule', { ...ref, to });
      setBusy(false);
      setMode('idle');
      onRescheduled(activity, r);
    } catch (e) {
      fail(e);
      setBusy(false);
    }
  }

  return (
    <li className="activity-row" data-testid="all-activity">
      <div>
        <span className="activity__summary">{name}</span>{' '}
        <span className="meta">
          {activity.resName} · {dueText(activity.deadline)}
        </span>
        <div className="all-group__head">
          <span className="meta">{t('all.fromProfile', { label: activity.profileLabel })}</span>
          <EnvironmentChip environment={activity.environment} />
        </div>
      </div>
      <div className="activity-row__actions">
        {activity.resId > 0 && (
          <button type="button" className="small" onClick={() => void openInOdoo(activity.profileId, { model: activity.model, id: activity.resId, name: activity.resName })} aria-label={t('home.openRecord', { name: activity.resName })}>
            {t('common.open')}
          </button>
        )}
        <button type="button" className="small" aria-expanded={mode === 'done'} onClick={() => setMode(mode === 'done' ? 'idle' : 'done')} aria-label={t('all.doneLabel', { name })}>
          {t('all.done')}
        </button>
        <button type="button" className="small" aria-expanded={mode === 'reschedule'} onClick={() => setMode(mode === 'reschedule' ? 'idle' : 'reschedule')} aria-label={t('all.rescheduleLabel', { name })}>
          {t('all.reschedule')}
        </button>
      </div>
      {mode === 'done' && (
        <form
          className="activity-row__actions"
          onSubmit={(e) => {
            e.preventDefault();
            void markDone();
          }}
        >
          <label htmlFor={`${ids}-feedback`}>{t('all.feedback')}</label>
          <input id={`${ids}-feedback`} value={feedback} maxLength={2000} onChange={(e) => setFeedback(e.target.value)} autoFocus />
          <button type="submit" className="primary small" disabled={busy}>
            {t('all.markDone')}
          </button>
        </form>
      )}
      {mode === 'reschedule' && (
        <div className="activity-row__actions" role="group" aria-label={t('all.rescheduleLabel', { name })}>
          <button type="button" className="small" disabled={busy} onClick={() => void reschedule({ kind: 'tomorrow' })}>
            {t('all.tomorrow')}
          </button>
          <button type="button" className="small" disabled={busy} onClick={() => void reschedule({ kind: 'next-week' })}>
            {t('all.nextWeek')}
          </button>
          <label htmlFor={`${ids}-date`}>{t('all.onDate')}</label>
          <input id={`${ids}-date`} type="date" value={date} onChange={(e) => setDate(e.target.value)} />
          <button type="button" className="small" disabled={busy || !/^\d{4}-\d{2}-\d{2}$/.test(date)} onClick={() => void reschedule({ kind: 'date', date })}>
            {t('all.apply')}
          </button>
        </div>
      )}
      {problem !== null && (
        <div className="activity-row__refusal">
          <ProblemNotice problem={problem} />
        </div>
      )}
    </li>
  );
}
