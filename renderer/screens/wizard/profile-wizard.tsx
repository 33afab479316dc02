// Why: the one entry the shell renders for adding a profile (the step-by-step wizard) or
// editing one (a single form); both run on the state machine in wizard-state.ts.
import type { Profile } from '../../../contract';
import type { View } from '../../navigation';
import { AddWizard } from './add-wizard';
import { EditProfile } from './edit-profile';

export function ProfileWizard({ profile, go, onSaved }: { profile: Profile | null; go: (v: View) => void; onSaved: (p: Profile) => void }) {
  return profile === null ? <AddWizard go={go} onSaved={onSaved} /> : <EditProfile profile={profile} go={go} onSaved={onSaved} />;
}
