// Why: a profile's environment label (production, staging, test or the person's own short
// text, with a colour from the fixed palette) looks the same wherever the renderer shows
// it — a chip on profile cards and on All-profiles results — and is chosen with one editor
// in the wizard and the edit form. The chip's text stays in the page's own text colour and
// the palette colour is only a swatch and a border, so it reads in light and dark alike.
import { useId } from 'react';
import type { Environment } from '../contract';
import { DEFAULT_COLOUR, ENVIRONMENT_COLOURS, environmentOfDraft, MAX_ENVIRONMENT_TEXT, type EnvironmentColour, type EnvironmentDraft, type Kind } from './environment-draft';
import { t, type MessageKey } from './i18n';

const KIND_KEYS: Record<Exclude<Environment['kind'], 'custom'>, MessageKey> = { production: 'env.production', staging: 'env.staging', test: 'env.test' };

const COLOUR_KEYS: Record<EnvironmentColour, MessageKey> = {
  red: 'envLabel.colour.red',
  orange: 'envLabel.colour.orange',
  yellow: 'envLabel.colour.yellow',
  green: 'envLabel.colour.green',
  teal: 'envLabel.colour.teal',
  blue: 'envLabel.colour.blue',
  purple: 'envLabel.colour.purple',
  grey: 'envLabel.colour.grey',
};

/** The tag as main writes it in window titles and the tray: the kind in the person's language, or the custom text. */
export function environmentText(environment: Environment): string {
  if (environment.kind === 'custom') return environment.text.replace(/\s+/g, ' ').trim().toLocaleUpperCase();
  return t(KIND_KEYS[environment.kind]);
}

export function EnvironmentChip({ environment }: { environment: Environment | null }) {
  if (environment === null) return null;
  return (
    <span className={`env-chip env-chip--${environment.colour}`} data-testid="env-chip">
      <span className="env-chip__swatch" aria-hidden="true" />
      <span className="visually-hidden">{t('envLabel.environment')} </span>
      <bdi>{environmentText(environment)}</bdi>
    </span>
  );
}

const KINDS: Kind[] = ['none', 'production', 'staging', 'test', 'custom'];
const KIND_NAMES: Record<Kind, MessageKey> = {
  none: 'envLabel.none',
  production: 'envLabel.production',
  staging: 'envLabel.staging',
  test: 'envLabel.test',
  custom: 'envLabel.custom',
};

export function EnvironmentEditor({ value, onChange }: { value: EnvironmentDraft; onChange: (next: EnvironmentDraft) => void }) {
  const ids = useId();
  return (
    <fieldset className="plain env-editor">
      <legend>{t('envLabel.legend')}</legend>
      <p className="hint" id={`${ids}-help`}>
        {t('envLabel.help')}
      </p>
      <div className="field">
        <label htmlFor={`${ids}-kind`}>{t('envLabel.kind')}</label>
        <select
          id={`${ids}-kind`}
          value={value.kind}
          aria-describedby={`${ids}-help`}
          onChange={(e) => {
            const kind = e.target.value as Kind;
            onChange({ ...value, kind, colour: kind === 'none' ? value.colour : DEFAULT_COLOUR[kind] });
          }}
        >
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {t(KIND_NAMES[k])}
            </option>
          ))}
        </select>
      </div>
      {value.kind === 'custom' && (
        <div className="field">
          <label htmlFor={`${ids}-text`}>{t('envLabel.text')}</label>
          <input id={`${ids}-text`} value={value.text} maxLength={MAX_ENVIRONMENT_TEXT} onChange={(e) => onChange({ ...value, text: e.target.value })} />
        </div>
      )}
      {value.kind !== 'none' && (
        <div className="field">
          <label htmlFor={`${ids}-colour`}>{t('envLabel.colourLabel')}</label>
          <div className="inline">
            <select id={`${ids}-colour`} value={value.colour} onChange={(e) => onChange({ ...value, colour: e.target.value as EnvironmentColour })}>
              {ENVIRONMENT_COLOURS.map((c) => (
                <option key={c} value={c}>
                  {t(COLOUR_KEYS[c])}
                </option>
              ))}
            </select>
            <EnvironmentChip environment={environmentOfDraft(value)} />
          </div>
        </div>
      )}
    </fieldset>
  );
}
