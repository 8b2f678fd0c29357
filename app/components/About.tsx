import { Fragment } from 'react';
import type { Language } from '../i18n/language';
import { useLanguage, useMessages } from '../i18n/use-messages';
import { mainFields, moreFields } from './settings/field-specs';

/** MNIST's page in the reader's language: an address, not a message. */
const MNIST_PAGE: Record<Language, string> = {
  en: 'https://en.wikipedia.org/wiki/MNIST_database',
  zh: 'https://zh.wikipedia.org/wiki/MNIST%E6%95%B0%E6%8D%AE%E5%BA%93',
};

/** What is trained here, and what each setting means, named by the very labels of the form and its buttons. */
export function About() {
  const t = useMessages();
  const language = useLanguage();
  const { settings } = t;
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
        {[...mainFields(t), ...moreFields(t)].map(({ field, label }) => (
          <Fragment key={field}>
            <dt>{label}</dt>
            <dd>{t.about.glossary[field]}</dd>
          </Fragment>
        ))}
      </dl>
      <p>{t.about.runs(settings.train, t.runs.title, settings.pause, settings.resume, settings.step, settings.compare, settings.trainComparison)}</p>
    </>
  );
}
