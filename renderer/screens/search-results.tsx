// Why: the quick search's answer as an ARIA listbox grouped by model. When Odoo has more
// than shown, the group ends with one more option, "Open the … list in Odoo", reached and
// chosen like any record (↑/↓ and Enter, or a click): it opens that model's list in Odoo
// (main builds the URL; nothing of it comes from here). The highlighted option follows
// the keyboard (quick-search.tsx) and the mouse.
import type { ReactNode } from 'react';
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

/** One record of a searched model, as Odoo calls it in each language ("Sales Order S00135"). */
const MODEL_KINDS: Record<string, MessageKey> = {
  'res.partner': 'search.kind.contact',
  'sale.order': 'search.kind.salesOrder',
  'account.move': 'search.kind.invoice',
  'product.product': 'search.kind.product',
  'project.task': 'search.kind.task',
};

/** The kind of a searched model's record in the UI language; null for other models. */
export function kindOf(model: string): string | null {
  const key = MODEL_KINDS[model];
  return key === undefined ? null : t(key);
}

/** The listbox's options in order: each group's records, then its "more in Odoo" option when Odoo has more. */
export type SearchEntry = { kind: 'hit'; hit: SearchGroup['hits'][number]; group: SearchGroup } | { kind: 'more'; group: SearchGroup };

export function searchEntries(groups: readonly SearchGroup[]): SearchEntry[] {
  return groups.flatMap((g): SearchEntry[] => [...g.hits.map((hit) => ({ kind: 'hit' as const, hit, group: g })), ...(g.more ? [{ kind: 'more' as const, group: g }] : [])]);
}

export function SearchResults({
  id,
  groups,
  active,
  optionId,
  hidden,
  onHover,
  onOpen,
}: {
  id: string;
  groups: SearchGroup[];
  active: number;
  optionId: (i: number) => string;
  hidden: boolean;
  onHover: (i: number) => void;
  onOpen: (i: number) => void;
}) {
  let flat = 0;
  const option = (key: string, className: string, content: ReactNode) => {
    const i = flat++;
    return (
      <div
        key={key}
        id={optionId(i)}
        role="option"
        aria-selected={i === active}
        className={`${className}${i === active ? ' is-active' : ''}`}
        onMouseMove={() => onHover(i)}
        onClick={() => onOpen(i)}
      >
        {content}
      </div>
    );
  };
  return (
    <div id={id} role="listbox" aria-label={t('search.resultsLabel')} className="results" hidden={hidden}>
      {groups.map((g) => (
        <div role="group" key={g.model} aria-label={g.more ? t('search.groupMore', { group: groupLabel(g) }) : groupLabel(g)} className="results__group">
          <div className="results__label" aria-hidden="true">
            {groupLabel(g)}
          </div>
          {g.hits.map((h) =>
            option(
              `${h.model}-${h.id}`,
              'results__hit',
              <>
                <span className="results__name">{h.name}</span>
                {h.subtitle !== null && <span className="results__sub">{h.subtitle}</span>}
              </>,
            ),
          )}
          {g.more && option(`${g.model}-more`, 'results__hit results__more', <span>{t('search.moreLabel', { group: groupLabel(g) })}</span>)}
        </div>
      ))}
    </div>
  );
}
