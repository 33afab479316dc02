// Why: what the administrator's policy fixes is shown where the person would change it —
// the control disabled, its value, and why ("Set by your administrator", or that the
// policy file could not be read so the strict choice applies) — read once from main
// (`policy:get`). Kept out of the settings screen so that screen only places it.
import { useEffect, useState } from 'react';
import type { PolicyView } from '../contract';
import { invoke } from './api';
import { t } from './i18n';

export type PolicySetting = PolicyView['fixed'][number]['setting'];
export type Fixed = PolicyView['fixed'][number];

/** The policy as main reports it; null until known (or when main cannot say). */
export function usePolicy(): PolicyView | null {
  const [policy, setPolicy] = useState<PolicyView | null>(null);
  useEffect(() => {
    let live = true;
    invoke('policy:get', {}).then(
      (p) => live && setPolicy(p),
      () => {},
    );
    return () => {
      live = false;
    };
  }, []);
  return policy;
}

export function fixedBy(policy: PolicyView | null, setting: PolicySetting): Fixed | null {
  return policy?.fixed.find((f) => f.setting === setting) ?? null;
}

function valueText(fixed: Fixed): string {
  if (typeof fixed.value === 'boolean') return fixed.value ? t('policy.on') : t('policy.off');
  return fixed.value < 60 ? t('settings.minutes', { m: fixed.value }) : t('settings.hours', { h: fixed.value / 60 });
}

export function PolicyNote({ fixed, id }: { fixed: Fixed | null; id: string }) {
  if (fixed === null) return null;
  return (
    <p className="hint policy-note" id={id} data-testid={`policy-${fixed.setting}`}>
      <strong>{t('policy.setByAdmin')}</strong> {t(fixed.setting === 'autoLockMinutes' ? 'policy.autoLockAtMost' : 'policy.value', { value: valueText(fixed) })}{' '}
      {fixed.reason === 'policy-unreadable' ? t('policy.unreadable') : ''}
    </p>
  );
}
