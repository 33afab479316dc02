// How a profile's environment label (production, staging, test, or a short text of the
// person's own) shows outside our window: a tag in front of the Odoo window's title and
// of the tray entry ("[PRODUCTION] Acme"), and a coloured band along the top of every page
// of that profile's Odoo windows. The band's CSS is built here from the palette only: the
// stored value is a colour *name* checked against the palette, and no text the person or
// a file wrote ever reaches CSS.
import type { Environment } from '../../../contract/index.js';
import { english, type Translate } from '../i18n/translator.js';
import type { EnvironmentColour } from '../profiles/profile-schema.js';

/** The fixed palette: readable on light and dark Odoo themes alike. */
export const ENVIRONMENT_PALETTE: Readonly<Record<EnvironmentColour, string>> = Object.freeze({
  red: '#c62828',
  orange: '#ef6c00',
  yellow: '#f9a825',
  green: '#2e7d32',
  teal: '#00796b',
  blue: '#1565c0',
  purple: '#6a1b9a',
  grey: '#546e7a',
});

/** What the shell needs to mark a profile's windows: the tag's text and the colour's name. */
export interface EnvironmentMark {
  tag: string;
  colour: EnvironmentColour;
}

const KIND_KEYS = { production: 'env.production', staging: 'env.staging', test: 'env.test' } as const;

/** The tag's text: the kind in the person's language, or the custom text, upper-cased and on one line. */
export function environmentTag(environment: Environment, t: Translate = english): string {
  if (environment.kind === 'custom') return environment.text.replace(/\s+/g, ' ').trim().toLocaleUpperCase();
  return t(KIND_KEYS[environment.kind]);
}

export function environmentMark(environment: Environment | null | undefined, t: Translate = english): EnvironmentMark | null {
  if (environment === null || environment === undefined) return null;
  return { tag: environmentTag(environment, t), colour: environment.colour };
}

/** A title with the environment in front: "[PRODUCTION] Acme". */
export function withEnvironmentTag(title: string, mark: EnvironmentMark | null): string {
  return mark === null ? title : `[${mark.tag}] ${title}`;
}

/** The band's CSS for a palette colour; null for anything that is not a palette name. */
export function environmentBandCss(colour: string): string | null {
  if (!Object.hasOwn(ENVIRONMENT_PALETTE, colour)) return null;
  const value = ENVIRONMENT_PALETTE[colour as EnvironmentColour];
  return `html::before{content:"";position:fixed;top:0;left:0;right:0;height:4px;background:${value};z-index:2147483647;pointer-events:none;}`;
}
