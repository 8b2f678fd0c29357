import { useSyncExternalStore } from 'react';
import { catalogueOf, currentLanguage, subscribeLanguage, type Catalogue } from './messages';
import type { Language } from './language';

/** The current language: a component that reads it re-renders when the language changes. */
export function useLanguage(): Language {
  return useSyncExternalStore(subscribeLanguage, currentLanguage);
}

/** The current language's catalogue, as `const t = useMessages(); t.settings.title`. */
export function useMessages(): Catalogue {
  return catalogueOf(useLanguage());
}
