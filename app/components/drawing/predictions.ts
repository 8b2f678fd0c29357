// What the drawing pad says for each run: its digit, or why it has none.
import type { RunPrediction } from '../../protocol';

export type Verdict = { digit: number; probabilities: Float32Array } | { digit: null; why: string };

/** The most probable digit of a run's answer, or why there is none. */
export function verdictOf(result: RunPrediction | undefined, inWorker: boolean): Verdict {
  if (!result) return { digit: null, why: inWorker ? 'not asked yet' : 'its model was not kept' };
  const { probabilities } = result;
  if (!probabilities) return { digit: null, why: 'no usable model right now' };
  let best = 0;
  for (let d = 1; d < probabilities.length; d++) if (probabilities[d] > probabilities[best]) best = d;
  return { digit: best, probabilities };
}
