// What a run will cost before it starts (its parameters, the device memory it needs) and, once it
// trains, how long it has left, from its measured speed; and the state it is in, in words.
import { describeLayers, estimateTrainingMemory, formatBytes, INPUT_SIZE, CLASSES, samplesSeen, type TrainConfig } from '../../../gpu';
import { formatDuration } from '../format';
import { messages } from '../../i18n/messages';
import type { RunState } from '../../protocol';

/** "73.6 M", "101,770": a count of parameters as people read it. */
export function formatCount(count: number): string {
  return count >= 1e6 ? `${(count / 1e6).toFixed(1)} M` : count.toLocaleString('en');
}

/** "784-8192-8192-10: 73.6 M parameters, ≈ 1.8 GB with Adam": the estimate the worker weighs a run against the device by. */
export function runSizeText(config: Pick<TrainConfig, 'hidden' | 'optimizer' | 'batchSize'>): string {
  const { parameters, bytes } = estimateTrainingMemory([INPUT_SIZE, ...config.hidden, CLASSES], config.optimizer, config.batchSize);
  return `${describeLayers(config.hidden)}: ${formatCount(parameters)} parameters, ≈ ${formatBytes(bytes)} with ${messages().labels.optimizer[config.optimizer]}`;
}

export interface TimedRun {
  state: RunState;
  step: number;
  stepsPerEpoch: number;
  trainCount: number;
  samplesPerSec: number;
  config: Pick<TrainConfig, 'epochs' | 'batchSize'>;
}

/** Milliseconds left in the epoch under way and in the whole run at the run's measured speed; null while it does not train or has no speed yet. */
export function timeLeft(run: TimedRun): { epochMs: number; runMs: number } | null {
  const { step, stepsPerEpoch, trainCount, samplesPerSec, config } = run;
  if (run.state !== 'training' || samplesPerSec <= 0 || stepsPerEpoch <= 0) return null;
  const samplesAt = (at: number) => samplesSeen(at, config.batchSize, trainCount);
  const totalSteps = stepsPerEpoch * config.epochs;
  const epochEnd = Math.min(totalSteps, (Math.floor(step / stepsPerEpoch) + 1) * stepsPerEpoch);
  const msFor = (end: number) => (Math.max(0, samplesAt(end) - samplesAt(step)) * 1000) / samplesPerSec;
  return { epochMs: msFor(epochEnd), runMs: msFor(totalSteps) };
}

/** "0:12 left in this epoch, 1:05 in the run"; null where timeLeft is. */
export function timeLeftText(run: TimedRun): string | null {
  const left = timeLeft(run);
  if (!left) return null;
  return `${formatDuration(left.epochMs)} left in this epoch, ${formatDuration(left.runMs)} in the run`;
}

/** Its state in words: "Building the model…" from Train until the worker has built it. */
export function runStateText(run: { state: RunState; initialWeightsHash: string | null }): string {
  return run.initialWeightsHash === null ? 'Building the model…' : messages().training.runState[run.state];
}
