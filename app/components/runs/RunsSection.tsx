import './runs.css';
import { usePlayground, useNotices, useStorage } from '../../state/trainer-provider';
import { RUNS_TITLE_ID, RunsTable } from './RunsTable';
import { useMessages } from '../../i18n/use-messages';

/** Where storage is refused the runs live as long as the tab; the page says so once. */
function StorageLine() {
  const storage = useStorage();
  const t = useMessages();
  if (storage.ok) return null;
  return (
    <p className="warning" role="status" data-testid="storage-refused">
      {t.runs.storageRefused(storage.reason)}
    </p>
  );
}

/** What the page has to say about the stored runs, e.g. a record it skipped. */
function Notices() {
  const notices = useNotices();
  const { dismissNotice } = usePlayground();
  const t = useMessages();
  if (notices.length === 0) return null;
  return (
    <ul className="run-notices">
      {notices.map((notice, i) => (
        <li key={`${i}-${notice}`} className="notice" data-testid="run-notice">
          <span>{notice}</span>
          <button type="button" className="small" aria-label={t.runs.dismissNotice(notice)} onClick={() => dismissNotice(i)}>
            {t.runs.dismiss}
          </button>
        </li>
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
