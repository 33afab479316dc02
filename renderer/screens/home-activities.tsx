// Why: "my activities" on a profile's home, in the words a person uses: each record named
// with its kind beside its code ("Sales Order S00135", the kind as Odoo names it) and when
// it is due counted from today ("in 3 days", "12 days overdue", "today"), the exact day
// kept in the element's datetime and title.
import type { Activity } from '../../contract';
import { dueText, formatDate } from '../format';
import { t, type MessageKey } from '../i18n';

type Kind = 'overdue' | 'today' | 'upcoming';

const ACTIVITY_TEXT: Record<Kind, { title: MessageKey; empty: MessageKey }> = {
  overdue: { title: 'home.overdue', empty: 'home.nothingOverdue' },
  today: { title: 'home.today', empty: 'home.nothingToday' },
  upcoming: { title: 'home.upcoming', empty: 'home.nothingUpcoming' },
};

/** "Sales Order S00135": the record's code with its kind, when Odoo named it. */
export function RecordName({ modelName, name }: { modelName: string | null | undefined; name: string }) {
  return (
    <span className="activity__record">
      {modelName !== null && modelName !== undefined && modelName !== '' && <>{modelName} </>}
      <bdi>{name}</bdi>
    </span>
  );
}

export function ActivityList({ kind, tone, items, onOpen }: { kind: Kind; tone: string; items: Activity[]; onOpen: (a: Activity) => void }) {
  const id = `act-${kind}`;
  const title = t(ACTIVITY_TEXT[kind].title);
  return (
    <div className="activity-group">
      <h3 id={id}>
        {title} <span className={`count badge badge--${items.length === 0 ? 'plain' : tone}`}>{items.length}</span>
      </h3>
      {items.length === 0 ? (
        <p className="meta">{t(ACTIVITY_TEXT[kind].empty)}</p>
      ) : (
        <ul className="activity-list" aria-labelledby={id}>
          {items.map((a) => (
            <li key={a.id}>
              <div>
                <span className="activity__summary">{a.summary || a.activityType || t('home.activity')}</span>
                <span className="meta">
                  <RecordName modelName={a.modelName} name={a.resName} /> · {a.activityType !== null && a.summary !== '' ? `${a.activityType} · ` : ''}
                  <time dateTime={a.deadline} title={formatDate(a.deadline)}>
                    {dueText(a.deadline)}
                  </time>
                </span>
              </div>
              {a.resId > 0 && (
                <button type="button" className="small" onClick={() => onOpen(a)} aria-label={t('home.openRecord', { name: [a.modelName, a.resName].filter(Boolean).join(' ') })}>
                  {t('common.open')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
