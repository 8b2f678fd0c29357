import { useEffect, useRef } from 'react';
import { historyCsv, historyJson } from '../../runs/history-export';
import { useVisibleRuns } from '../../state/trainer-provider';

/**
 * Hands `text` to the browser as a file download: a Blob URL clicked through an <a download>. The
 * URL stays valid until the next download or until the buttons go, since the browser may still be
 * reading it after the click returns.
 */
function useDownload() {
  const url = useRef<string | null>(null);
  useEffect(
    () => () => {
      if (url.current) URL.revokeObjectURL(url.current);
    },
    [],
  );
  return (fileName: string, text: string, type: string) => {
    if (url.current) URL.revokeObjectURL(url.current);
    url.current = URL.createObjectURL(new Blob([text], { type }));
    const link = document.createElement('a');
    link.href = url.current;
    link.download = fileName;
    link.click();
  };
}

/** Every visible run's history, one row per point. */
export function DownloadButtons() {
  const runs = useVisibleRuns();
  const download = useDownload();
  const none = runs.length === 0;
  return (
    <span className="downloads">
      <button type="button" className="small" disabled={none} onClick={() => download('gradlab-runs.csv', historyCsv(runs), 'text/csv')}>
        Download CSV
      </button>
      <button type="button" className="small" disabled={none} onClick={() => download('gradlab-runs.json', historyJson(runs), 'application/json')}>
        Download JSON
      </button>
      {none && <span className="hint">Show a run on the chart to download its history.</span>}
    </span>
  );
}
