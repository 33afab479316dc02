// Why: "my activities" from every profile in one list, by due date, each row labelled with
// its profile, so the day's work on several databases is seen at once. A profile that did
// not answer is listed with why. Done and rescheduled activities leave or move at once
// (main answers the bucket a new deadline belongs in): no reload, no second question.
import { useCallback, useEffect, useState } from 'react';
import type { ChannelOutput, LabelledActivityView } from '../../../contract';
import { invoke } from '../../api';
import { useFailure } from '../../app-context';
import { t, type MessageKey } from '../../i18n';
import type { OpenInOdoo } from '../../navigation';
import { ProblemNotice } from '../../ui/problem-notice';
import { ActivityRow, type Rescheduled } from './activity-actions';
import { ProfileFailure } from './all-search';

type Merged = ChannelOutput<'all:activities'>;
type Bucket = 'overdue' | 'today' | 'upcoming';
const BUCKETS: { kind: Bucket; title: MessageKey; empty: MessageKey; tone: string }[] = [
  { kind: 'overdue', title: 'home.overdue', empty: 'home.nothingOverdue', tone: 'danger' },
  { kind: 'today', title: 'home.today', empty: 'home.nothingToday', tone: 'warn' },
  { kind: 'upcoming', title: 'home.upcoming', empty: 'home.nothingUpcoming', tone: 'plain' },
];

const same = (a: LabelledActivityView, b: LabelledActivityView) => a.profileId === b.profileId && a.id === b.id;
const byDeadline = (a: LabelledActivityView, b: LabelledActivityView) => a.deadline.localeCompare(b.deadline) || a.profileLabel.localeCompare(b.profileLabel);

/** The list after one activity is done (it leaves) or rescheduled (it moves to its new bucket, in date order). */
export function withoutActivity(list: Merged, done: LabelledActivityView): Merged {
  return { ...list, overdue: list.overdue.filter((a) => !same(a, done)), today: list.today.filter((a) => !same(a, done)), upcoming: list.upcoming.filter((a) => !same(a, done)) };
}

export function withRescheduled(list: Merged, moved: LabelledActivityView, r: Rescheduled): Merged {
  const next = withoutActivity(list, moved);
  return { ...next, [r.bucket]: [...next[r.bucket], { ...moved, deadline: r.deadline }].sort(byDeadline) };
}

export function AllActivities({ openInOdoo }: { openInOdoo: OpenInOdoo }) {
  const [list, setList] = useState<Merged | null>(null);
  const [note, setNote] = useState('');
  const [problem, fail, clear] = useFailure();

  const load = useCallback(() => {
    clear();
    invoke('all:activities', {}).then(setList, fail);
  }, [clear, fail]);
  useEffect(() => load(), [load]);

  return (
    <section aria-labelledby="all-activities-title" className="activities">
      <h2 id="all-activities-title">{t('all.activitiesTitle')}</h2>
      <p className="visually-hidden" role="status">
        {note}
      </p>
      {problem !== null ? (
        <ProblemNotice problem={problem}>
          <button type="button" onClick={load}>
            {t('common.retry')}
          </button>
        </ProblemNotice>
      ) : list === null ? (
        <p className="meta">{t('common.loading')}</p>
      ) : (
        <>
          {BUCKETS.map((b) => (
            <div className="activity-group" key={b.kind}>
              <h3 id={`all-act-${b.kind}`}>
                {t(b.title)} <span className={`count badge badge--${list[b.kind].length === 0 ? 'plain' : b.tone}`}>{list[b.kind].length}</span>
              </h3>
              {list[b.kind].length === 0 ? (
                <p className="meta">{t(b.empty)}</p>
              ) : (
                <ul className="activity-list" aria-labelledby={`all-act-${b.kind}`}>
                  {list[b.kind].map((a) => (
                    <ActivityRow
                      key={`${a.profileId}-${a.id}`}
                      activity={a}
                      openInOdoo={openInOdoo}
                      onDone={(done) => {
                        setList((l) => (l === null ? l : withoutActivity(l, done)));
                        setNote(t('all.doneNote', { name: done.summary || done.resName }));
                      }}
                      onRescheduled={(moved, r) => {
                        setList((l) => (l === null ? l : withRescheduled(l, moved, r)));
                        setNote(t('all.rescheduledNote', { name: moved.summary || moved.resName }));
                      }}
                    />
                  ))}
                </ul>
              )}
            </div>
          ))}
          {list.failed.map((f) => (
            <ProfileFailure key={f.profileId} error={f.error} label={f.label} />
          ))}
        </>
      )}
    </section>
  );
}
