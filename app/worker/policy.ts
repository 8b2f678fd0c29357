// The worker's decisions, as pure functions of what it knows: when to take a checkpoint, which
// checkpoint to trust, where a rollback goes, when to tell the page, which runs stay on the device,
// which runs an error ends, what a refusal says (as a description the page words in its language).
// The worker supplies the clock and the facts; tests supply both too (tests/worker-policy.test.ts).
import { joined, problemSaid, said, type Said } from '../i18n/said';
import { configProblems, formatBytes, type DeviceCapacity, type TrainConfig } from '../../gpu';
import { runNameSaid } from '../runs/naming';
import type { RunId, RunState } from '../protocol';

/** A checkpoint at least this often, besides one at the end of every epoch and one at every pause. */
export const CHECKPOINT_INTERVAL_MS = 30_000;
/** A rollback after a divergence divides the learning rate by this. */
export const ROLLBACK_LR_DIVISOR = 10;
/** Progress reports to the page at most this often, per run. */
export const PROGRESS_INTERVAL_MS = 100;
/** How often the test strip follows a training run's model. */
export const STRIP_REFRESH_MS = 2000;
/** Models on the device at once; beyond that the least recently used stopped runs are parked. */
export const MAX_LIVE_RUNS = 8;
/** A watched training run's layer norms are computed with a step at most this often… */
export const NORMS_INTERVAL_MS = 250;
/** …and its hidden layers probed (with its first layer's weights read) at most this often. */
export const PROBE_INTERVAL_MS = 500;
/**
 * A probe takes at most this share of the time between probes: where one is slow (the CPU backend,
 * a wide network) they come less often, so that watching costs training little.
 */
export const PROBE_MAX_SHARE = 0.1;

/** When the last probe started and how long it took to land (0 before any). */
export interface ProbeClock {
  nowMs: number;
  lastStartMs: number;
  lastDurationMs: number;
}

/** Whether the next probe may start: PROBE_INTERVAL_MS since the last, or longer where the last was slow. */
export function probeDue({ nowMs, lastStartMs, lastDurationMs }: ProbeClock): boolean {
  return nowMs - lastStartMs >= Math.max(PROBE_INTERVAL_MS, lastDurationMs / PROBE_MAX_SHARE);
}

/** The test images (by index) of class `actual` that were taken for `predicted`, in test-set order. */
export function cellIndices(labels: ArrayLike<number>, predicted: ArrayLike<number>, actual: number, predictedClass: number): number[] {
  const indices: number[] = [];
  for (let i = 0; i < predicted.length; i++) if (labels[i] === actual && predicted[i] === predictedClass) indices.push(i);
  return indices;
}

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

/** What the device may hold besides the dataset: models, and their bytes together. */
export interface DeviceRoom {
  maxLive: number;
  budgetBytes: number;
}

/** A run whose model is on the device. `pinned`: it must stay (it trains, or is about to be used). */
export interface Resident {
  id: RunId;
  bytes: number;
  lastUsedMs: number;
  pinned: boolean;
}

/**
 * Which resident runs to park, least recently used first, so that `incoming` models (of `bytes`
 * together) fit beside those that stay; none when they fit already. null when they cannot fit
 * even with every unpinned run parked.
 */
export function runsToPark(resident: readonly Resident[], incoming: { count: number; bytes: number }, room: DeviceRoom): RunId[] | null {
  let count = resident.length + incoming.count;
  let bytes = resident.reduce((sum, run) => sum + run.bytes, incoming.bytes);
  const fits = () => count <= room.maxLive && bytes <= room.budgetBytes;
  const parkable = resident.filter((run) => !run.pinned).sort((a, b) => a.lastUsedMs - b.lastUsedMs);
  const park: RunId[] = [];
  for (const run of parkable) {
    if (fits()) break;
    park.push(run.id);
    count--;
    bytes -= run.bytes;
  }
  return fits() ? park : null;
}

/** Why `count` models of `bytes` together do not fit the device; null when they do. */
export function roomProblem(count: number, bytes: number, room: DeviceRoom): Said | null {
  if (count > room.maxLive) return said('worker', 'tooManyModels', count, room.maxLive);
  if (bytes > room.budgetBytes) return said('worker', 'tooBig', count, formatBytes(bytes), formatBytes(room.budgetBytes));
  return null;
}

/** "The run", or "Run 2 of 3" among runs created together. */
export const whichRun = (index: number, count: number): Said => (count === 1 ? said('worker', 'theRun') : said('worker', 'runOf', index + 1, count));

/**
 * Why these runs cannot be created on a device of `capacity`, naming the first that cannot (by the
 * name the page gives it) and what it breaks; null when all can.
 */
export function createRefusal(configs: readonly TrainConfig[], capacity: DeviceCapacity): Said | null {
  for (const [i, config] of configs.entries()) {
    const problems = Object.values(configProblems(config, capacity)).map(problemSaid);
    if (problems.length === 0) continue;
    return said('worker', 'cannotBeTrained', whichRun(i, configs.length), runNameSaid(config), joined(problems, said('worker', 'problemSeparator')));
  }
  return null;
}

/** The state a run taken back from a stored checkpoint is held in: paused, or finished once its epochs are done. */
export function adoptedState(checkpoint: { epoch: number; config: { epochs: number } }): 'paused' | 'finished' {
  return checkpoint.epoch < checkpoint.config.epochs ? 'paused' : 'finished';
}

/**
 * Which runs a GPU error ends. One caught in a run's own error scopes ends that run alone (unless
 * it is gone or already failed); one no scope caught cannot be pinned on any run, so it ends every
 * run that was training (each might have caused it), and leaves the stopped ones be.
 */
export function errorVictims(runs: readonly { id: RunId; state: RunState }[], attributedRunId: RunId | null): RunId[] {
  if (attributedRunId !== null) {
    return runs.some((run) => run.id === attributedRunId && run.state !== 'failed') ? [attributedRunId] : [];
  }
  return runs.filter((run) => run.state === 'training').map((run) => run.id);
}
