// Why: the quick search's answer as an ARIA listbox grouped by model, each group headed by
// its name and, when Odoo has more than shown, a "more in Odoo" button that opens that
// model's list in Odoo (main builds the URL; nothing of it comes from here). The
// highlighted option follows the keyboard (quick-search.tsx) and the mouse.
import type { SearchGroup } from '../../contract';
import { t, type MessageKey } from '../i18n';

/** The searched models, named as Odoo names them in each language (main's labels are English). */
const MODEL_LABELS: Record<string, MessageKey> = {
  'res.partner': 'search.model.contacts',
  'sale.order': 'search.model.salesOrders',
  'account.move': 'search.model.invoices',
  'product.product': 'search.model.products',
  'project.task': 'search.model.tasks',
};

export function groupLabel(g: SearchGroup): string {
  const key = MODEL_LABELS[g.model];
  return key === undefined ? g.label : t(key);
}

export function SearchResults({
  id,
  groups,
  active,
  optionId,
  hidden,
  onHover,
  onOpen,
  onMore,
}: {
  id: string;
  groups: SearchGroup[];
  active: number;
  optionId: (i: number) => string;
  hidden: boolean;
  onHover: (i: number) => void;
  onOpen: (i: number) => void;
  onMore: (g: SearchGroup) => void;
}) {
  let flat = 0;
  return (
    <div id={id} role="listbox" aria-label={t('search.resultsLabel')} className="results" hidden={hidden}>
      {groups.map((g) => (
        <div role="group" key={g.model} aria-label={g.more ? t('search.groupMore', { group: groupLabel(g) }) : groupLabel(g)} className="results__group">
          <div className="results__label">
            <span aria-hidden="true">{groupLabel(g)}</span>
            {g.more && (
              <button type="button" className="link" onClick={() => onMore(g)} aria-label={t('search.moreLabel', { group: groupLabel(g) })}>
                {t('search.moreInOdoo')}
              </button>
            )}
          </div>
          {g.hits.map((h) => {
            const i = flat++;
            return (
              <div
                key={`${h.model}-${h.id}`}
                id={optionId(i)}
                role="option"
                aria-selected={i === active}
                className={`results__hit${i === active ? ' is-active' : ''}`}
                onMouseMove={() => onHover(i)}
                onClick={() => onOpen(i)}
              >
                <span className="results__name">{h.name}</span>
                {h.subtitle !== null && <span className="results__sub">{h.subtitle}</span>}
              </div>
            );
          })}
        </div>
      ))}
    </div>
  );
}
