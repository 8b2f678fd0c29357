// Messages worded when they are shown, so that a switch of language re-words what is already on
// screen: a notice is a function of the catalogue, and a message may carry parts that stay as they
// are in every language (a stored record's key, a field's path, a value as it was stored).
import type { Catalogue } from './messages';

/** Kept as it is in every language; shown as code, with translate="no". */
export interface Verbatim {
  readonly verbatim: string;
}

export type Part = string | Verbatim;
export type Parts = readonly Part[];
export type Wording = string | Parts;

/**
 * Something the page tells the user until it is dismissed, worded each time it is shown in the
 * page's language then: `(t) => t.status.modelCouldNotBeStored(displayName(run, t), storedProblemText(problem, t))`.
 * What comes from outside the catalogue (a foreign error's message) is given as it came.
 */
export type Notice = (t: Catalogue) => Wording;

export const verbatim = (text: string): Verbatim => ({ verbatim: text });

/** The wording as one text: for an accessible name, a test. */
export function plainText(wording: Wording): string {
  return typeof wording === 'string' ? wording : wording.map((part) => (typeof part === 'string' ? part : part.verbatim)).join('');
}
