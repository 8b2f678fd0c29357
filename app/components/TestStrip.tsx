import './test-strip.css';
import { memo, useCallback } from 'react';
import type { TestSample } from '../protocol';
import type { RunRecord } from '../state/run-record';
import { useInsideOpen, useLens, usePlayground, useSelectedRun, useWorker } from '../state/trainer-provider';
import { DigitImage } from './DigitImage';

type SamplePredictions = RunRecord['samplePredictions'];

function caption(samplePredictions: SamplePredictions, right: number, count: number): string {
  if (!samplePredictions) return 'Predictions appear once the selected run has a model.';
  const model = `The model after step ${samplePredictions.step.toLocaleString('en')}`;
  if (!samplePredictions.predictions) return `${model} gives no predictions: its outputs are not numbers.`;
  return `${model}: ${right} of ${count} right; wrong ones are marked in red.`;
}

interface StripProps {
  samples: readonly TestSample[];
  samplePredictions: SamplePredictions;
  /** The test image the loss lens looks at, if one of these. */
  lensIndex: number | null;
  onChoose: (index: number) => void;
}

/** The images and their verdicts: drawn again when new predictions come, not at every step of the run. */
const Strip = memo(function Strip({ samples, samplePredictions, lensIndex, onChoose }: StripProps) {
  const predictions = samplePredictions?.predictions;
  return (
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
            <button type="button" className="sample-button" aria-pressed={lensIndex === sample.index} onClick={() => onChoose(sample.index)}>
              <DigitImage pixels={sample.image} max={255} label={`${description}: look at it inside the network`} />
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
            </button>
          </li>
        );
      })}
    </ul>
  );
});

/**
 * A fixed handful of test images with what the selected run's model makes of them. Clicking one
 * makes it the loss lens's input, and opens Inside the network to show it.
 */
export function TestStrip() {
  const samples = useWorker('samples');
  const samplePredictions = useSelectedRun()?.samplePredictions ?? null;
  const { input } = useLens();
  const insideOpen = useInsideOpen();
  const { setLensInput, setInsideOpen } = usePlayground();
  const right = samplePredictions?.predictions?.filter((p, i) => p.predicted === samples[i]?.label).length ?? 0;
  const choose = useCallback(
    (index: number) => {
      setLensInput({ kind: 'test', index });
      if (!insideOpen) setInsideOpen(true);
    },
    [setLensInput, setInsideOpen, insideOpen],
  );
  return (
    <>
      <h2>Test images</h2>
      <p className="caption" data-testid="samples-caption">
        {caption(samplePredictions, right, samples.length)}
      </p>
      <Strip samples={samples} samplePredictions={samplePredictions} lensIndex={input?.kind === 'test' ? input.index : null} onChoose={choose} />
      <p className="caption">Click an image to see what the loss makes of it, inside the network.</p>
    </>
  );
}
