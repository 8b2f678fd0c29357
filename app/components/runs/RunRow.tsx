import './run-row.css';
import { memo, useState, type MouseEvent } from 'react';
import type { RunId } from '../../protocol';
import { latestTestAccuracy } from '../../state/selectors';
import { usePlayground, useRun, useSelectedRun } from '../../state/trainer-provider';
import { epochText, formatDuration, formatLoss, formatPercent } from '../format';
import { displayName } from '../../runs/naming';
import { RunActions } from './RunActions';
import { RunIncidentLine } from './RunIncidentLine';
import { RunNameCell } from './RunNameCell';
import { runStateText, timeLeftText } from './run-figures';
import { useMessages } from '../../i18n/use-messages';

/** A click on the row that is not on one of its controls selects the run. */
const onControl = (event: MouseEvent) => (event.target as Element).closest('button, input, label, a') !== null;

export const RunRow = memo(function RunRow({ id, focusAfterDelete }: { id: RunId; focusAfterDelete: string }) {
  const run = useRun(id);
  const selected = useSelectedRun()?.id === id;
  const { select, setVisible } = usePlayground();
  const [renaming, setRenaming] = useState(false);
  const t = useMessages();
  if (!run) return null;
  const name = displayName(run, t);
  const latest = run.epochs.at(-1);
  const accuracy = latestTestAccuracy(run);
  const left = timeLeftText(run, t);

  return (
    <tr
      data-testid="run-row"
      data-run-id={run.id}
      data-state={run.state}
      aria-current={selected || undefined}
      data-selected={selected}
      className={selected ? 'selected' : undefined}
      onClick={(event) => {
        if (!onControl(event)) select(run.id);
      }}
    >
      <td className="show">
        <label className="show-toggle">
          <input type="checkbox" checked={run.visible} onChange={(e) => setVisible(run.id, e.target.checked)} />
          <span className="run-swatch" style={{ background: run.color }} aria-hidden="true" />
          <span className="visually-hidden">{t.runs.showOnChart(name)}</span>
        </label>
      </td>
      <td className="name">
        <RunNameCell run={run} name={name} editing={renaming} done={() => setRenaming(false)} />
        <RunIncidentLine run={run} />
      </td>
      <td data-testid="run-state">
        {runStateText(run, t)}
        {left && (
          <span className="hint time-left" data-testid="time-left">
            {left}
          </span>
        )}
      </td>
      <td className="numeric" translate="no">{epochText(run)}</td>
      <td className="numeric" translate="no">{accuracy === null ? '–' : formatPercent(accuracy)}</td>
      <td className="numeric" translate="no">{latest ? formatLoss(latest.testLoss) : '–'}</td>
      <td className="numeric" translate="no">{formatDuration(run.elapsedMs)}</td>
      <td className="actions">
        <RunActions run={run} name={name} rename={() => setRenaming(true)} focusAfterDelete={focusAfterDelete} />
      </td>
    </tr>
  );
});
