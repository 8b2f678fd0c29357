// Every visible string comes from here: one catalogue per language (en/ and zh/, one file per part
// of the page, each zh file typed by its en file so that a missing or extra message does not
// compile). Messages are strings, or functions of what they mention. This module has no React, so
// that the worker speaks the page's language too (it is told it in `init` and `language`).
import * as en from './en';
import * as zh from './zh';
import type { Language } from './language';

export type Catalogue = typeof en;

const CATALOGUES: Record<Language, Catalogue> = { en, zh };

let current: Language = 'en';
const listeners = new Set<() => void>();

export function currentLanguage(): Language {
  return current;
}

/** The current language's catalogue: for code outside React (components use useMessages). */
export function messages(): Catalogue {
  return CATALOGUES[current];
}

export function catalogueOf(language: Language): Catalogue {
  return CATALOGUES[language];
}

export function setLanguage(language: Language): void {
  if (language === current) return;
  current = language;
  for (const listener of listeners) listener();
}

export function subscribeLanguage(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
