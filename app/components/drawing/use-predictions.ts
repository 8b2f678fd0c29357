import { useCallback, useEffect, useRef, useState } from 'react';
import type { RunPrediction } from '../../protocol';
import { usePlayground, useVisibleRuns } from '../../state/trainer-provider';

/** A new stroke is read at most this often… */
const AFTER_DRAWING_MS = 100;
/** …and the models, which change with every step, are asked again at most this often. */
const AFTER_TRAINING_MS = 500;

/**
 * What every visible run makes of the drawing `read` gives, asked again after each stroke
 * (`drawingChanged`) and as the runs train. `ready` is false while the drawing shown has a
 * prediction on its way. `drawn` hears each new drawing once (null: the pad was cleared), not the
 * same drawing read again as the models train.
 */
export function usePredictions(read: () => Float32Array | null, drawn: (pixels: Float32Array | null) => void) {
  const { predict } = usePlayground();
  const runs = useVisibleRuns();
  const [input, setInput] = useState<Float32Array | null>(null);
  const [results, setResults] = useState<readonly RunPrediction[]>([]);
  // Versions of the drawing: the predictions shown are for `predictedVersion`.
  const version = useRef(0);
  const [drawnVersion, setDrawnVersion] = useState(0);
  const [predictedVersion, setPredictedVersion] = useState(0);
  const hasInk = useRef(false);
  const timer = useRef<{ id: number; due: number } | null>(null);
  const lastAsked = useRef(0);
  const reportedVersion = useRef(0);
  const onDrawn = useRef(drawn);
  useEffect(() => {
    onDrawn.current = drawn;
  }, [drawn]);

  const predictNow = useCallback(async () => {
    timer.current = null;
    lastAsked.current = performance.now();
    const askedAt = version.current;
    const pixels = read();
    hasInk.current = pixels !== null;
    setInput(pixels);
    if (askedAt !== reportedVersion.current) {
      reportedVersion.current = askedAt;
      onDrawn.current(pixels);
    }
    // predict() hands its array to the worker, so it gets a copy.
    const answer = pixels ? await predict(pixels.slice()) : [];
    if (askedAt !== version.current) return; // a newer drawing has its own predictions coming
    setResults(answer);
    setPredictedVersion(askedAt);
  }, [predict, read]);

  /** Asks once `intervalMs` have passed since the last time, unless an ask is due sooner already. */
  const request = useCallback(
    (intervalMs: number) => {
      const due = Math.max(performance.now(), lastAsked.current + intervalMs);
      if (timer.current !== null) {
        if (timer.current.due <= due) return;
        clearTimeout(timer.current.id);
      }
      timer.current = { id: window.setTimeout(() => void predictNow(), due - performance.now()), due };
    },
    [predictNow],
  );

  useEffect(
    () => () => {
      if (timer.current !== null) clearTimeout(timer.current.id);
    },
    [],
  );

  // The models keep learning (and runs are shown or hidden): show what they think of the drawing now.
  useEffect(() => {
    if (hasInk.current) request(AFTER_TRAINING_MS);
  }, [runs, request]);

  const drawingChanged = useCallback(() => {
    version.current++;
    setDrawnVersion(version.current);
    request(AFTER_DRAWING_MS);
  }, [request]);

  return { input, results, ready: drawnVersion === predictedVersion, drawingChanged };
}
