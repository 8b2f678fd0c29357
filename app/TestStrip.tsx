import { DigitImage } from './DigitImage';
import { useTrainerState } from './state/trainer-provider';
import type { TrainerState } from './state/trainer-state';

function caption(samplePredictions: TrainerState['samplePredictions'], right: number, count: number): string {
  if (!samplePredictions) return 'Predictions appear once there is a model.';
  const model = `The model after step ${samplePredictions.step.toLocaleString('en')}`;
  if (!samplePredictions.predictions) return `${model} gives no predictions: its outputs are not numbers.`;
  return `${model}: ${right} of ${count} right; wrong ones are marked in red.`;
}

/** A fixed handful of test images with what the current model makes of them. */
export function TestStrip() {
  const samples = useTrainerState('samples');
  const samplePredictions = useTrainerState('samplePredictions');
  const predictions = samplePredictions?.predictions;
  const right = predictions?.filter((p, i) => p.predicted === samples[i]?.label).length ?? 0;
  return (
    <>
      <h2>Test images</h2>
      <p className="caption" data-testid="samples-caption">
        {caption(samplePredictions, right, samples.length)}
      </p>
      <ul className="strip">
        {samples.map((sample, i) => {
          const prediction = predictions?.[i];
          const correct = prediction ? prediction.predicted === sample.label : undefined;
          const verdict = prediction
            ? `predicted ${prediction.predicted} (${Math.round(100 * prediction.confidence)} % sure)${correct ? '' : ', wrong'}`
            : 'not predicted yet';
          const description = `Test image ${sample.index}, a ${sample.label}, ${verdict}`;
          return (
            <li
              key={sample.index}
              className={correct === false ? 'wrong' : undefined}
              data-testid="test-sample"
              data-correct={correct === undefined ? undefined : String(correct)}
              title={description}
            >
              <DigitImage pixels={sample.image} max={255} label={description} />
              <span className="sample-caption" aria-hidden="true">
                {prediction ? (
                  <>
                    {prediction.predicted}
                    {correct ? ' ✓' : ` ✗ (${sample.label})`}
                  </>
                ) : (
                  sample.label
                )}
              </span>
            </li>
          );
        })}
      </ul>
    </>
  );
}
