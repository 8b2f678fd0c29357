// What the drawing pad says for each run: its digit, or why it has none.
import type { RunPrediction } from '../../protocol';
import { messages, type Catalogue } from '../../i18n/messages';

export type Verdict = { digit: number; probabilities: Float32Array } | { digit: null; why: string };

/** The most probable digit of a run's answer, or why there is none. */
export function verdictOf(result: RunPrediction | undefined, inWorker: boolean, t: Catalogue = messages()): Verdict {
  if (!result) return { digit: null, why: inWorker ? t.drawing.notAskedYet : t.drawing.notKept };
  const { probabilities } = result;
  if (!probabilities) return { digit: null, why: t.drawing.noUsableModel };
  let best = 0;
  for (let d = 1; d < probabilities.length; d++) if (probabilities[d] > probabilities[best]) best = d;
  return { digit: best, probabilities };
}
