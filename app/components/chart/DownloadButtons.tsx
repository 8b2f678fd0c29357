import { historyCsv, historyJson } from '../../runs/history-export';
import { useVisibleRuns } from '../../state/trainer-provider';
import { downloadFile } from '../download';

/** Every visible run's history, one row per point. */
export function DownloadButtons() {
  const runs = useVisibleRuns();
  const none = runs.length === 0;
  return (
    <span className="downloads">
      <button type="button" className="small" disabled={none} onClick={() => downloadFile('gradlab-runs.csv', historyCsv(runs), 'text/csv')}>
        Download CSV
      </button>
      <button type="button" className="small" disabled={none} onClick={() => downloadFile('gradlab-runs.json', historyJson(runs), 'application/json')}>
        Download JSON
      </button>
      {none && <span className="hint">Show a run on the chart to download its history.</span>}
    </span>
  );
}
