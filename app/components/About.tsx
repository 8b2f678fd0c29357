import { Fragment } from 'react';
import type { Language } from '../i18n/language';
import { useLanguage, useMessages } from '../i18n/use-messages';

/** MNIST's page in the reader's language: an address, not a message. */
const MNIST_PAGE: Record<Language, string> = {
  en: 'https://en.wikipedia.org/wiki/MNIST_database',
  zh: 'https://zh.wikipedia.org/wiki/MNIST%E6%95%B0%E6%8D%AE%E5%BA%93',
};

/** What is trained here, and what each setting means. */
export function About() {
  const t = useMessages();
  const language = useLanguage();
  return (
    <>
      <h2>{t.common.aboutSection}</h2>
      <p>
        {t.about.introBefore}
        <a href={MNIST_PAGE[language]} translate="no">
          MNIST
        </a>
        {t.about.introAfter}
      </p>
      <dl className="glossary">
        {t.about.glossary.map(({ term, meaning }) => (
          <Fragment key={term}>
            <dt>{term}</dt>
            <dd>{meaning}</dd>
          </Fragment>
        ))}
      </dl>
      <p>{t.about.runs}</p>
    </>
  );
}
