import type { WorkerPhase } from '../../protocol';
import type { RunRecord } from '../../state/run-record';
import { latestTestAccuracy } from '../../state/selectors';
import { useSelectedRun, useWorker } from '../../state/trainer-provider';
import { RunsChart } from '../chart/RunsChart';
import { epochText, formatDuration, formatPercent } from '../format';
import { runStateText } from '../runs/run-figures';
import { displayName } from '../../runs/naming';

/** What the worker is doing, where that matters more than the run's own state. */
const WORKER_PHASE_TEXT: Partial<Record<WorkerPhase, string>> = { loading: 'Loading', recovering: 'Recovering', failed: 'Stopped' };

/** The pill's words and its class: the worker's phase while it is not ready, else the run's state. */
export function phasePill(phase: WorkerPhase, run: Pick<RunRecord, 'state' | 'initialWeightsHash'> | null): { text: string; kind: string } {
  const workerText = WORKER_PHASE_TEXT[phase];
  if (workerText) return { text: workerText, kind: phase };
  if (!run) return { text: 'Ready', kind: 'ready' };
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
  return (
    <dl className="figures">
      <Figure name="Epoch" testId="figure-epoch" value={run ? epochText(run) : '–'} />
      <Figure name="Step" testId="figure-step" value={(run?.step ?? 0).toLocaleString('en')} />
      <Figure name="Samples/s" testId="figure-speed" value={run && run.samplesPerSec > 0 ? Math.round(run.samplesPerSec).toLocaleString('en') : '–'} />
      <Figure name="Elapsed" testId="figure-elapsed" value={formatDuration(run?.elapsedMs ?? 0)} />
      <Figure name="Loss" testId="figure-loss" value={run?.lastLoss == null ? '–' : run.lastLoss.toPrecision(3)} />
      <Figure name="Test accuracy" testId="figure-accuracy" value={accuracy === null ? '–' : formatPercent(accuracy)} />
    </dl>
  );
}

/** The selected run's figures, and every visible run on the chart. */
export function TrainingView() {
  const run = useSelectedRun();
  const phase = useWorker('phase');
  const pill = phasePill(phase, run);
  return (
    <>
      <h2>Training</h2>
      <div className="run-line">
        <p data-testid="run-config">
          {run ? (
            <>
              <span className="run-swatch" style={{ background: run.color }} aria-hidden="true" />
              Run: {displayName(run)}
            </>
          ) : (
            'Run: none yet'
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
