import './runs.css';
import { useId } from 'react';
import { usePlayground, useNotices, useStorage } from '../../state/trainer-provider';
import { RUNS_TITLE_ID, RunsTable } from './RunsTable';
import { useMessages } from '../../i18n/use-messages';
import type { Notice } from '../../i18n/wording';
import { Worded } from '../Worded';
import { word } from '../../i18n/said';

/** Where storage is refused the runs live as long as the tab; the page says so once. */
function StorageLine() {
  const storage = useStorage();
  const t = useMessages();
  if (storage.ok) return null;
  return (
    <p className="warning" role="status" data-testid="storage-refused">
      {t.runs.storageRefused(word(storage.reason, t))}
    </p>
  );
}

/** One notice and its Dismiss button, named by both (the notice's code parts stay untranslated). */
function NoticeItem({ notice, index }: { notice: Notice; index: number }) {
  const { dismissNotice } = usePlayground();
  const t = useMessages();
  const buttonId = useId();
  const textId = useId();
  return (
    <li className="notice" data-testid="run-notice">
      <span id={textId}>
        <Worded wording={notice(t)} />
      </span>
      <button type="button" className="small" id={buttonId} aria-labelledby={`${buttonId} ${textId}`} onClick={() => dismissNotice(index)}>
        {t.runs.dismiss}
      </button>
    </li>
  );
}

/** What the page has to say about the stored runs, e.g. a record it skipped: worded anew when the language changes. */
function Notices() {
  const notices = useNotices();
  if (notices.length === 0) return null;
  return (
    <ul className="run-notices">
      {notices.map((notice, i) => (
        <NoticeItem key={i} notice={notice} index={i} />
      ))}
    </ul>
  );
}

/** Every run kept: one row each, selected, shown, renamed, resumed or deleted from there. */
export function RunsSection() {
  const t = useMessages();
  return (
    <>
      {/* Focusable from code only: focus comes here when the last run is deleted. */}
      <h2 id={RUNS_TITLE_ID} tabIndex={-1}>
        {t.runs.title}
      </h2>
      <StorageLine />
      <Notices />
      <RunsTable />
    </>
  );
}
