// Why: the environment label's pure part, apart from its React components so the wizard's
// reducer and its unit tests use it without a DOM: the palette's names, each kind's usual
// colour, and the editor's draft (a custom text may be blank while typed) to and from the
// label the contract saves.
import type { Environment } from '../contract';

/** The palette's names, as the contract's schema lists them (kept local: zod stays out of the renderer). */
export const ENVIRONMENT_COLOURS = ['red', 'orange', 'yellow', 'green', 'teal', 'blue', 'purple', 'grey'] as const;
export type EnvironmentColour = (typeof ENVIRONMENT_COLOURS)[number];
export const MAX_ENVIRONMENT_TEXT = 24;

/** A kind's usual colour, picked when the person chooses the kind. */
export const DEFAULT_COLOUR: Record<Environment['kind'], EnvironmentColour> = { production: 'red', staging: 'orange', test: 'green', custom: 'blue' };

export type Kind = Environment['kind'] | 'none';

/** What the editor holds while the custom text may still be blank. */
export interface EnvironmentDraft {
  kind: Kind;
  text: string;
  colour: EnvironmentColour;
}

export function draftOfEnvironment(environment: Environment | null | undefined): EnvironmentDraft {
  if (environment === null || environment === undefined) return { kind: 'none', text: '', colour: 'blue' };
  return { kind: environment.kind, text: environment.kind === 'custom' ? environment.text : '', colour: environment.colour };
}

/** The label to save: null for none, and for a custom label whose text is blank. */
export function environmentOfDraft(draft: EnvironmentDraft): Environment | null {
  if (draft.kind === 'none') return null;
  if (draft.kind === 'custom') {
    const text = draft.text.replace(/\p{Cc}/gu, '').trim().slice(0, MAX_ENVIRONMENT_TEXT);
    return text === '' ? null : { kind: 'custom', text, colour: draft.colour };
  }
  return { kind: draft.kind, colour: draft.colour };
}

