import { useId } from 'react';
import { LANGUAGES, LANGUAGE_NAMES, LANGUAGE_PARAM, isLanguage } from '../i18n/language';
import { setLanguage } from '../i18n/messages';
import { useLanguage, useMessages } from '../i18n/use-messages';
import './LanguageSwitch.css';

/** Each language named in itself, so that a reader who cannot read the current one still finds theirs. */
export function LanguageSwitch() {
  const id = useId();
  const t = useMessages();
  const language = useLanguage();
  return (
    <p className="language-switch">
      <label htmlFor={id}>{t.common.language}</label>{' '}
      <select
        id={id}
        name={LANGUAGE_PARAM}
        value={language}
        onChange={({ target }) => {
          if (isLanguage(target.value)) setLanguage(target.value);
        }}
      >
        {LANGUAGES.map((choice) => (
          <option key={choice} value={choice} lang={choice} translate="no">
            {LANGUAGE_NAMES[choice]}
          </option>
        ))}
      </select>
    </p>
  );
}
