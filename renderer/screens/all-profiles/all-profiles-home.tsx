// Why: the "All profiles" home — one place for every unlocked profile at once: a quick
// search across all of them and the activities of all of them, merged. Reached from the
// profiles list, the tray ("Open All profiles") and the global shortcut (which arrives with
// the search focused).
import { t } from '../../i18n';
import type { Go, OpenInOdoo } from '../../navigation';
import { AllActivities } from './all-activities';
import { AllSearch } from './all-search';

export function AllProfilesHome({ focusSearch, go, openInOdoo }: { focusSearch: number; go: Go; openInOdoo: OpenInOdoo }) {
  return (
    <section aria-labelledby="all-title" className="home">
      <div className="page-head">
        <h1 id="all-title" tabIndex={-1}>
          {t('all.title')}
        </h1>
        <button type="button" onClick={() => go({ name: 'profiles' })}>
          {t('shell.backToProfiles')}
        </button>
      </div>
      <div className="home__grid">
        <AllSearch focusNonce={focusSearch} openInOdoo={openInOdoo} />
        <AllActivities openInOdoo={openInOdoo} />
      </div>
    </section>
  );
}
