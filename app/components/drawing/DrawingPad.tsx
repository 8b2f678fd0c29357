import './drawing.css';
import { useCallback, useRef } from 'react';
import type { RunPrediction } from '../../protocol';
import type { RunRecord } from '../../state/run-record';
import { useLens, usePlayground, useSelectedRun } from '../../state/trainer-provider';
import { DigitImage } from '../DigitImage';
import { PredictionCards } from './PredictionCards';
import { verdictOf } from './predictions';
import { CANVAS_SIZE, readDrawing, usePen } from './use-pen';
import { usePredictions } from './use-predictions';
import { useTestImage } from './use-test-image';
import type { Catalogue } from '../../i18n/messages';
import { useMessages } from '../../i18n/use-messages';

/** The line for the selected run: its digit, or why there is none. */
function summary(input: Float32Array | null, selected: RunRecord | null, results: readonly RunPrediction[], t: Catalogue): string {
  if (!input) return t.drawing.drawPrompt;
  if (!selected) return t.drawing.noPrediction(t.drawing.trainFirst);
  const result = results.find((r) => r.runId === selected.id);
  if (!result && selected.inWorker && !selected.visible) return t.drawing.noPrediction(t.drawing.selectedHidden);
  const verdict = verdictOf(result, selected.inWorker, t);
  return verdict.digit === null ? t.drawing.noPrediction(verdict.why) : t.drawing.prediction(verdict.digit);
}

/** A pad to draw a digit on, and what every visible run reads in it; each new drawing becomes the loss lens's input. */
export function DrawingPad() {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const read = useCallback(() => (canvasRef.current ? readDrawing(canvasRef.current) : null), []);
  const { setLensInput } = usePlayground();
  const lensOnPad = useLens().input?.kind === 'pad';
  // Clearing the pad empties the lens only if the lens was looking at the pad, not at a test image.
  const drawn = useCallback(
    (pixels: Float32Array | null) => {
      if (pixels) setLensInput({ kind: 'pad', pixels });
      else if (lensOnPad) setLensInput(null);
    },
    [setLensInput, lensOnPad],
  );
  const { input, results, ready, drawingChanged } = usePredictions(read, drawn);
  const { clear, show, handlers } = usePen(canvasRef, drawingChanged);
  const testImage = useTestImage(show);
  const selected = useSelectedRun();
  const t = useMessages();

  return (
    <>
      <h2>{t.drawing.title}</h2>
      <div className="pad-row">
        <canvas
          ref={canvasRef}
          className="pad"
          width={CANVAS_SIZE}
          height={CANVAS_SIZE}
          tabIndex={0}
          role="application"
          aria-roledescription={t.drawing.padRole}
          aria-label={t.drawing.padLabel}
          data-testid="drawing-pad"
          {...handlers}
          onPointerDown={(event) => {
            testImage.forget();
            handlers.onPointerDown(event);
          }}
          onKeyDown={testImage.onKeyDown}
        />
        <div className="pad-side">
          <p className="caption">{t.drawing.modelInput}</p>
          {input ? (
            <DigitImage pixels={input} max={1} label={t.drawing.inputLabel} className="input-preview" />
          ) : (
            <div className="digit input-preview blank" />
          )}
          <button type="button" onClick={testImage.putRandom} disabled={!testImage.available}>
            {t.drawing.useTestImage}
          </button>
          <button
            type="button"
            onClick={() => {
              testImage.forget();
              clear();
            }}
          >
            {t.drawing.clear}
          </button>
        </div>
      </div>
      <p className="caption" data-testid="pad-image" aria-live="polite">
        {testImage.shown ? t.drawing.onPad(testImage.shown.index, testImage.shown.label) : ''}
      </p>
      <p className="prediction" data-testid="prediction" data-state={ready ? 'ready' : 'pending'} aria-live="polite">
        {summary(input, selected, results, t)}
      </p>
      {input && <PredictionCards results={results} />}
    </>
  );
}
