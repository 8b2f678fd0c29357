import './runs.css';
import { usePlayground, useNotices, useStorage } from '../../state/trainer-provider';
import { RUNS_TITLE_ID, RunsTable } from './RunsTable';

/** Where storage is refused the runs live as long as the tab; the page says so once. */
function StorageLine() {
  const storage = useStorage();
  if (storage.ok) return null;
  return (
    <p className="warning" role="status" data-testid="storage-refused">
      Runs will not outlive this tab: {storage.reason}
    </p>
  );
}

/** What the page has to say about the stored runs, e.g. a record it skipped. */
function Notices() {
  const notices = useNotices();
  const { dismissNotice } = usePlayground();
  if (notices.length === 0) return null;
  return (
    <ul className="run-notices">
      {notices.map((notice, i) => (
        <li key={`${i}-${notice}`} className="notice" data-testid="run-notice">
          <span>{notice}</span>
          <button type="button" className="small" aria-label={`Dismiss: ${notice}`} onClick={() => dismissNotice(i)}>
            Dismiss
          </button>
        </li>
      ))}
    </ul>
  );
}

/** Every run kept: one row each, selected, shown, renamed, resumed or deleted from there. */
export function RunsSection() {
  return (
    <>
      {/* Focusable from code only: focus comes here when the last run is deleted. */}
      <h2 id={RUNS_TITLE_ID} tabIndex={-1}>
        Runs
      </h2>
      <StorageLine />
      <Notices />
      <RunsTable />
    </>
  );
}
