// How the page writes the figures of a run: one wording everywhere a run shows up (a run's state in
// words is the catalogue's status.runState).
import type { RunState } from '../protocol';

/** m:ss */
export function formatDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/** A share from 0 to 1 as "97.12 %". */
export const formatPercent = (share: number) => `${(100 * share).toFixed(2)} %`;

/** A loss to four significant digits, without trailing zeros. */
export const formatLoss = (loss: number) => (Number.isFinite(loss) ? String(Number(loss.toPrecision(4))) : String(loss));

/** The worker's messages may or may not end with a full stop (or a line break), in either language. */
export function asSentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?。！？]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/** "1 / 3": the epoch under way, or the last one once the run has finished. */
export function epochText(run: { state: RunState; step: number; epoch: number; config: { epochs: number } }): string {
  const total = run.config.epochs;
  const current = run.state === 'finished' ? total : run.step === 0 ? 0 : Math.min(run.epoch + 1, total);
  return `${current} / ${total}`;
}
