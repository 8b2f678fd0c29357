import './training-status.css';
import { useMessages } from '../../i18n/use-messages';
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
  const { training, settings } = useMessages();
  if (!pausing && !resuming) return null;
  return (
    <button
      type="button"
      className="small"
      aria-disabled={pending}
      aria-label={pausing ? training.pauseTraining : training.resumeTraining}
      onClick={() => {
        if (pending) return;
        if (pausing) issue(playground.pause(), { done: null, failed: (m) => m.settings.couldNotPause });
        else issue(playground.resume(), { done: null, failed: (m) => m.settings.couldNotResume });
      }}
    >
      {pausing ? settings.pause : settings.resume}
    </button>
  );
}

/**
 * On a phone the chart and the figures are far from the settings: a bar that stays at the top of the
 * screen with the selected run's state, loss and test accuracy, Pause, and the way to the chart.
 */
export function TrainingStatusBar() {
  const run = useSelectedRun();
  const t = useMessages();
  const pill = phasePill(useWorker('phase'), run, t);
  const accuracy = run ? latestTestAccuracy(run) : null;
  return (
    <aside className="status-bar" aria-label={t.training.statusBar} data-testid="status-bar">
      <span className={`phase phase-${pill.kind}`}>{pill.text}</span>
      <span>
        {t.training.loss} <b data-testid="status-loss">{run?.lastLoss == null ? '–' : run.lastLoss.toPrecision(3)}</b>
      </span>
      <span>
        {t.training.test} <b>{accuracy === null ? '–' : formatPercent(accuracy)}</b>
      </span>
      <PauseToggle />
      <a href="#chart">{t.training.chart}</a>
    </aside>
  );
}
