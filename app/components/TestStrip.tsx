import './test-strip.css';
import { memo, useCallback } from 'react';
import type { Catalogue } from '../i18n/messages';
import { useMessages } from '../i18n/use-messages';
import type { TestSample } from '../protocol';
import type { RunRecord } from '../state/run-record';
import { useInsideOpen, useLens, usePlayground, useSelectedRun, useWorker } from '../state/trainer-provider';
import { DigitImage } from './DigitImage';

type SamplePredictions = RunRecord['samplePredictions'];

function caption(samplePredictions: SamplePredictions, right: number, count: number, { training }: Catalogue): string {
  if (!samplePredictions) return training.noModel;
  const model = training.modelAfter(samplePredictions.step.toLocaleString('en'));
  if (!samplePredictions.predictions) return training.noPredictions(model);
  return training.predictionsRight(model, right, count);
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
  const { training } = useMessages();
  return (
    <ul className="strip">
      {samples.map((sample, i) => {
        const prediction = predictions?.[i];
        const correct = prediction ? prediction.predicted === sample.label : undefined;
        const verdict = prediction
          ? (correct ? training.predicted : training.predictedWrong)(prediction.predicted, Math.round(100 * prediction.confidence))
          : training.notPredicted;
        const description = training.testImage(sample.index, sample.label, verdict);
        return (
          <li
            key={sample.index}
            className={correct === false ? 'wrong' : undefined}
            data-testid="test-sample"
            data-correct={correct === undefined ? undefined : String(correct)}
            title={description}
          >
            <button type="button" className="sample-button" aria-pressed={lensIndex === sample.index} onClick={() => onChoose(sample.index)}>
              <DigitImage pixels={sample.image} max={255} label={training.lookInside(description)} />
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
  const t = useMessages();
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
      <h2>{t.training.testImages}</h2>
      <p className="caption" data-testid="samples-caption">
        {caption(samplePredictions, right, samples.length, t)}
      </p>
      <Strip samples={samples} samplePredictions={samplePredictions} lensIndex={input?.kind === 'test' ? input.index : null} onChoose={choose} />
      <p className="caption">{t.training.clickAnImage}</p>
    </>
  );
}
