import { useMemo } from 'react';
import './chart-plot.css';
import { useMessages } from '../../i18n/use-messages';
import { useVisibleRuns } from '../../state/trainer-provider';
import { chartNotes } from './chart-notes';

/** Next to the chart: what its numbers mean for the losses of the runs it shows. */
export function ChartNotes() {
  const runs = useVisibleRuns();
  const t = useMessages();
  const notes = useMemo(() => chartNotes(runs.map((run) => run.config.loss), t), [runs, t]);
  return (
    <ul className="chart-notes" data-testid="chart-notes" aria-label={t.chart.notesLabel}>
      {notes.map((note) => (
        <li key={note}>{note}</li>
      ))}
    </ul>
  );
}
