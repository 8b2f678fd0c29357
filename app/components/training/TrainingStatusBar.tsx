import './training-status.css';
import { latestTestAccuracy } from '../../state/selectors';
import { usePlayground, useRaceBlocker, useSelectedRun, useWorker } from '../../state/trainer-provider';
import { useCommandOutcome } from '../../use-command';
import { formatPercent } from '../format';
import { phasePill } from './TrainingView';

/** Pause while the selected race trains, Resume while it can go on; nothing otherwise. */
function PauseToggle() {
  const pausing = useRaceBlocker('pause') === null;
  const resuming = useRaceBlocker('resume') === null;
  const playground = usePlayground();
  const { pending, issue } = useCommandOutcome();
  if (!pausing && !resuming) return null;
  return (
    <button
      type="button"
      className="small"
      aria-disabled={pending}
      aria-label={pausing ? 'Pause training' : 'Resume training'}
      onClick={() => {
        if (pending) return;
        if (pausing) issue(playground.pause(), { done: null, failed: 'Could not pause' });
        else issue(playground.resume(), { done: null, failed: 'Could not resume' });
      }}
    >
      {pausing ? 'Pause' : 'Resume'}
    </button>
  );
}

/**
 * On a phone the chart and the figures are far from the settings: a bar that stays at the top of the
 * screen with the selected run's state, loss and test accuracy, Pause, and the way to the chart.
 */
export function TrainingStatusBar() {
  const run = useSelectedRun();
  const pill = phasePill(useWorker('phase'), run);
  const accuracy = run ? latestTestAccuracy(run) : null;
  return (
    <aside className="status-bar" aria-label="Training status" data-testid="status-bar">
      <span className={`phase phase-${pill.kind}`}>{pill.text}</span>
      <span>
        Loss <b data-testid="status-loss">{run?.lastLoss == null ? '–' : run.lastLoss.toPrecision(3)}</b>
      </span>
      <span>
        Test <b>{accuracy === null ? '–' : formatPercent(accuracy)}</b>
      </span>
      <PauseToggle />
      <a href="#chart">Chart</a>
    </aside>
  );
}
