// Why: one type for the catalogue keys, taken from the English catalogue (the reference
// every language must match), so a mistyped key fails typechecking in main and renderer.
import type english from './en.json';

export type MessageKey = keyof typeof english;
