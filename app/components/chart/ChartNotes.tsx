import { useMemo } from 'react';
import './chart-plot.css';
import { useVisibleRuns } from '../../state/trainer-provider';
import { chartNotes } from './chart-notes';

/** Next to the chart: what its numbers mean for the losses of the runs it shows. */
export function ChartNotes() {
  const runs = useVisibleRuns();
  const notes = useMemo(() => chartNotes(runs.map((run) => run.config.loss)), [runs]);
  return (
    <ul className="chart-notes" data-testid="chart-notes" aria-label="What the numbers mean">
      {notes.map((note) => (
        <li key={note}>{note}</li>
      ))}
    </ul>
  );
}
