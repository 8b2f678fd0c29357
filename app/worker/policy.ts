// The worker's decisions about a run, as pure functions of what it knows: when to take a
// checkpoint, which checkpoint to trust, where a rollback goes, when to tell the page. The worker
// supplies the clock and the facts; tests supply both too (tests/worker-policy.test.ts).

/** A checkpoint at least this often, besides one at the end of every epoch and one at every pause. */
export const CHECKPOINT_INTERVAL_MS = 30_000;
/** A rollback after a divergence divides the learning rate by this. */
export const ROLLBACK_LR_DIVISOR = 10;
/** Progress reports to the page at most this often. */
export const PROGRESS_INTERVAL_MS = 100;
/** How often the test strip follows the model while it trains. */
export const STRIP_REFRESH_MS = 2000;

export interface CheckpointClock {
  /** The run's epoch now, and the one the latest checkpoint was started in. */
  epoch: number;
  checkpointedEpoch: number;
  nowMs: number;
  lastCheckpointMs: number;
}

/** A new epoch, or the interval since the last checkpoint has passed. */
export function checkpointDue({ epoch, checkpointedEpoch, nowMs, lastCheckpointMs }: CheckpointClock): boolean {
  return epoch > checkpointedEpoch || nowMs - lastCheckpointMs >= CHECKPOINT_INTERVAL_MS;
}

/**
 * What a checkpoint that just came back means. `finite`: its weights are all numbers; `calm`: the
 * losses read back so far show no blow-up starting; `diverged`: divergence was already seen.
 * A checkpoint is trusted as the run's new last good state only when all is well.
 */
export type CheckpointVerdict = 'good' | 'diverged' | 'untrusted';

export function judgeCheckpoint({ finite, calm, diverged }: { finite: boolean; calm: boolean; diverged: boolean }): CheckpointVerdict {
  if (!finite) return 'diverged';
  return calm && !diverged ? 'good' : 'untrusted';
}

/** A tenth of the learning rate, rounded so that 0.003 becomes 0.0003, not 0.00030000000000000003. */
export function rollbackLearningRate(lr: number): number {
  return Number((lr / ROLLBACK_LR_DIVISOR).toPrecision(6));
}

/** Whether a report is due `nowMs`, the last having gone at `lastMs`; `force` sends one regardless. */
export function reportDue(nowMs: number, lastMs: number, intervalMs: number, force = false): boolean {
  return force || nowMs - lastMs >= intervalMs;
}

/** `size` test images spread evenly over a test set of `count`: the same ones for every run. */
export function spreadIndices(count: number, size: number): number[] {
  const stride = Math.floor(count / size);
  return Array.from({ length: Math.min(size, count) }, (_, i) => i * Math.max(stride, 1));
}

/** The predicted class and its probability for each row of `probabilities` (rows of `classes`); null if any value is not a number. */
export function topClasses(probabilities: Float32Array, classes: number): { predicted: number; confidence: number }[] | null {
  if (!probabilities.every(Number.isFinite)) return null;
  const rows = probabilities.length / classes;
  return Array.from({ length: rows }, (_, r) => {
    const row = probabilities.subarray(r * classes, (r + 1) * classes);
    let predicted = 0;
    for (let c = 1; c < classes; c++) if (row[c] > row[predicted]) predicted = c;
    return { predicted, confidence: row[predicted] };
  });
}
