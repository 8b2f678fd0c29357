import type { Catalogue } from '../../i18n/messages';
import { useMessages } from '../../i18n/use-messages';
import type { WorkerPhase } from '../../protocol';
import type { RunRecord } from '../../state/run-record';
import { latestTestAccuracy } from '../../state/selectors';
import { useSelectedRun, useWorker } from '../../state/trainer-provider';
import { RunsChart } from '../chart/RunsChart';
import { epochText, formatDuration, formatPercent } from '../format';
import { runStateText } from '../runs/run-figures';
import { displayName } from '../../runs/naming';

/** The pill's words and its class: the worker's phase while it is not ready (that matters more), else the run's state. */
export function phasePill(phase: WorkerPhase, run: Pick<RunRecord, 'state' | 'initialWeightsHash'> | null, { training }: Catalogue): { text: string; kind: string } {
  const workerText: Record<WorkerPhase, string | null> = { loading: training.loading, recovering: training.recovering, failed: training.stopped, ready: null };
  const busy = workerText[phase];
  if (busy) return { text: busy, kind: phase };
  if (!run) return { text: training.ready, kind: 'ready' };
  return { text: runStateText(run), kind: run.state };
}

function Figure({ name, value, testId }: { name: string; value: string; testId: string }) {
  return (
    <div className="figure">
      <dt>{name}</dt>
      <dd data-testid={testId}>{value}</dd>
    </div>
  );
}

function Figures({ run }: { run: RunRecord | null }) {
  const accuracy = run ? latestTestAccuracy(run) : null;
  const { training } = useMessages();
  return (
    <dl className="figures">
      <Figure name={training.epoch} testId="figure-epoch" value={run ? epochText(run) : '–'} />
      <Figure name={training.step} testId="figure-step" value={(run?.step ?? 0).toLocaleString('en')} />
      <Figure name={training.samplesPerSecond} testId="figure-speed" value={run && run.samplesPerSec > 0 ? Math.round(run.samplesPerSec).toLocaleString('en') : '–'} />
      <Figure name={training.elapsed} testId="figure-elapsed" value={formatDuration(run?.elapsedMs ?? 0)} />
      <Figure name={training.loss} testId="figure-loss" value={run?.lastLoss == null ? '–' : run.lastLoss.toPrecision(3)} />
      <Figure name={training.testAccuracy} testId="figure-accuracy" value={accuracy === null ? '–' : formatPercent(accuracy)} />
    </dl>
  );
}

/** The selected run's figures, and every visible run on the chart. */
export function TrainingView() {
  const run = useSelectedRun();
  const phase = useWorker('phase');
  const t = useMessages();
  const pill = phasePill(phase, run, t);
  return (
    <>
      <h2>{t.training.title}</h2>
      <div className="run-line">
        <p data-testid="run-config">
          {run ? (
            <>
              <span className="run-swatch" style={{ background: run.color }} aria-hidden="true" />
              {t.training.run(displayName(run))}
            </>
          ) : (
            t.training.noRun
          )}
        </p>
        <span className={`phase phase-${pill.kind}`} data-testid="phase" data-state={pill.kind} role="status">
          {pill.text}
        </span>
      </div>
      <Figures run={run} />
      <RunsChart />
    </>
  );
}
