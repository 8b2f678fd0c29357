import { describeRun } from './config-form';
import { LossChart } from './LossChart';
import { useTrainerState } from './state/trainer-provider';

function formatDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

const PHASE_TEXT = {
  loading: 'Loading',
  ready: 'Ready',
  running: 'Training',
  paused: 'Paused',
  finished: 'Finished',
  recovering: 'Recovering',
  errored: 'Stopped by a GPU error',
  failed: 'Stopped',
} as const;

function Figure({ name, value, testId }: { name: string; value: string; testId: string }) {
  return (
    <div className="figure">
      <dt>{name}</dt>
      <dd data-testid={testId}>{value}</dd>
    </div>
  );
}

/** Live figures and the loss chart of the current run. */
export function TrainingView() {
  const model = useTrainerState('model');
  const phase = useTrainerState('phase');
  const step = useTrainerState('step');
  const epoch = useTrainerState('epoch');
  const samplesPerSec = useTrainerState('samplesPerSec');
  const elapsedMs = useTrainerState('elapsedMs');
  const epochs = useTrainerState('epochs');
  const lastLoss = useTrainerState('lastLoss');
  const losses = useTrainerState('losses');
  const totalEpochs = model?.config.epochs ?? 0;
  const currentEpoch = phase === 'finished' ? totalEpochs : step === 0 ? 0 : Math.min(epoch + 1, totalEpochs);
  const latestTest = epochs.at(-1);

  return (
    <>
      <h2>Training</h2>
      <div className="run-line">
        <p data-testid="run-config">{model ? `Run: ${describeRun(model.config)}` : 'Run: no model yet'}</p>
        <span className={`phase phase-${phase}`} data-testid="phase">
          {PHASE_TEXT[phase]}
        </span>
      </div>
      <dl className="figures">
        <Figure name="Epoch" testId="figure-epoch" value={`${currentEpoch} / ${totalEpochs}`} />
        <Figure name="Step" testId="figure-step" value={step.toLocaleString('en')} />
        <Figure name="Samples/s" testId="figure-speed" value={samplesPerSec > 0 ? Math.round(samplesPerSec).toLocaleString('en') : '–'} />
        <Figure name="Elapsed" testId="figure-elapsed" value={formatDuration(elapsedMs)} />
        <Figure name="Loss" testId="figure-loss" value={lastLoss === null ? '–' : lastLoss.toPrecision(3)} />
        <Figure
          name="Test accuracy"
          testId="figure-accuracy"
          value={latestTest ? `${(100 * latestTest.testAccuracy).toFixed(2)} %` : '–'}
        />
      </dl>
      <LossChart losses={losses} epochs={epochs} totalSteps={model ? model.stepsPerEpoch * totalEpochs : 0} />
    </>
  );
}
