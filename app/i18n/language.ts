// Which language the page speaks: the `lang` parameter of its address, else the browser's first
// language we have, else English. Pure, so that the choice is unit-tested.
import { queryWith } from '../state/query-param';

export const LANGUAGES = ['en', 'zh'] as const;
export type Language = (typeof LANGUAGES)[number];
export const LANGUAGE_PARAM = 'lang';

/** Each language's name in itself, for the switch. */
export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', zh: '中文' };
/** The value of <html lang> (BCP 47): Simplified Chinese is what the catalogue is written in. */
export const HTML_LANG: Record<Language, string> = { en: 'en', zh: 'zh-Hans' };

export function isLanguage(value: string): value is Language {
  return (LANGUAGES as readonly string[]).includes(value);
}

/** `zh-CN`, `zh-Hans-SG` → zh; `en-GB` → en; anything else → null. */
function languageOfTag(tag: string): Language | null {
  const primary = tag.toLowerCase().split('-')[0];
  return isLanguage(primary) ? primary : null;
}

/** The address's `lang` when it is one of ours, else the first of the browser's languages we speak, else English. */
export function chooseLanguage(search: string, browserLanguages: readonly string[]): Language {
  const asked = new URLSearchParams(search).get(LANGUAGE_PARAM);
  if (asked !== null && isLanguage(asked)) return asked;
  for (const tag of browserLanguages) {
    const language = languageOfTag(tag);
    if (language) return language;
  }
  return 'en';
}

/** `search` with `language` in it, the other parameters as they were. */
export function queryWithLanguage(search: string, language: Language): string {
  return queryWith(search, LANGUAGE_PARAM, language);
}
