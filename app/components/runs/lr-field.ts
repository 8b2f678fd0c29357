// When the selected run's learning-rate field applies what is typed: only once it is committed
// (Enter, leaving the field, or a pause in typing), and only a valid rate that differs from the
// run's. A keystroke alone never applies anything: "1" on the way to "1e-4" is not a rate to train with.
import { DEFAULT_CONFIG, LR_RANGE, configProblems, describeProblem, parseDecimal } from '../../../gpu';
import { messages, type Catalogue } from '../../i18n/messages';

/** A pause in typing this long commits what the field holds. */
export const LR_COMMIT_PAUSE_MS = 800;

/** "from 0.000001 to 10": said next to the field before anyone gets it wrong. */
export const lrRangeText = (t: Catalogue = messages()) => t.runs.lr.range(LR_RANGE.min.toFixed(6), LR_RANGE.max);

/** The rate the text gives, by the engine's rules (decimal only, within LR_RANGE), or why it gives none. */
export function parseLearningRate(text: string, t: Catalogue = messages()): { lr: number } | { error: string } {
  const lr = parseDecimal(text);
  if (Number.isNaN(lr)) return { error: t.runs.lr.notDecimal(lrRangeText(t)) };
  const problem = configProblems({ ...DEFAULT_CONFIG, lr }).lr;
  return problem ? { error: describeProblem(problem, t.problems) } : { lr };
}

export type LrFieldEvent =
  /** A keystroke, a paste: the text is now `text`. */
  | { type: 'input'; text: string }
  | { type: 'enter' }
  | { type: 'blur' }
  /** LR_COMMIT_PAUSE_MS passed since the last input. */
  | { type: 'pause' };

/**
 * `text`: what the field holds; null while it shows the run's own rate (nothing typed since the
 * last commit). `error`: why the text committed last is no rate, until the next keystroke.
 */
export interface LrField {
  text: string | null;
  error: string | null;
}

export const SHOWING_RUN_RATE: LrField = { text: null, error: null };

/**
 * The field after `event`, and the rate to apply (null: none). `lr` is the run's rate now. A commit
 * of a valid rate gives the field back to the run's rate; an invalid one stays, for its message.
 */
export function lrFieldEvent(field: LrField, event: LrFieldEvent, lr: number): { field: LrField; apply: number | null } {
  if (event.type === 'input') return { field: { text: event.text, error: null }, apply: null };
  if (field.text === null) return { field, apply: null };
  const parsed = parseLearningRate(field.text);
  if ('error' in parsed) return { field: { text: field.text, error: parsed.error }, apply: null };
  return { field: SHOWING_RUN_RATE, apply: parsed.lr === lr ? null : parsed.lr };
}

/** Why the run's learning rate cannot be changed now, or null when it can. */
export function lrBlocker(run: { state: string; inWorker: boolean; initialWeightsHash: string | null }, t: Catalogue = messages()): string | null {
  if (!run.inWorker) return run.initialWeightsHash === null ? t.runs.lr.beingBuilt : t.runs.lr.notKept;
  if (run.state === 'finished') return t.runs.lr.finished;
  if (run.state === 'failed') return t.runs.lr.failed;
  return null;
}
