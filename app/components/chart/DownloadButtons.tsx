import { historyCsv, historyJson } from '../../runs/history-export';
import { useVisibleRuns } from '../../state/trainer-provider';
import { downloadFile } from '../download';
import { useMessages } from '../../i18n/use-messages';

/** Every visible run's history, one row per point. */
export function DownloadButtons() {
  const runs = useVisibleRuns();
  const t = useMessages();
  const none = runs.length === 0;
  return (
    <span className="downloads">
      <button type="button" className="small" disabled={none} onClick={() => downloadFile('gradlab-runs.csv', historyCsv(runs), 'text/csv')}>
        {t.chart.downloadCsv}
      </button>
      <button type="button" className="small" disabled={none} onClick={() => downloadFile('gradlab-runs.json', historyJson(runs), 'application/json')}>
        {t.chart.downloadJson}
      </button>
      {none && <span className="hint">{t.chart.downloadHint}</span>}
    </span>
  );
}
