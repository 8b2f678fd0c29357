// The page's language at start (the address, else the browser) and what follows a change: <html lang>
// and the address's `lang`, so that a link or a reload keeps it.
import { HTML_LANG, chooseLanguage, queryWithLanguage, type Language } from './language';
import { currentLanguage, setLanguage, subscribeLanguage } from './messages';
import { replaceQuery } from '../state/query-param';

function showLanguage(language: Language): void {
  document.documentElement.lang = HTML_LANG[language];
}

export function startPageLanguage(): void {
  setLanguage(chooseLanguage(location.search, navigator.languages));
  showLanguage(currentLanguage());
  subscribeLanguage(() => {
    const language = currentLanguage();
    showLanguage(language);
    replaceQuery(queryWithLanguage(location.search, language));
  });
}
