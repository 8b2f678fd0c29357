// One run as the page holds it, and what each message of the worker about it makes of it.
import type { EarlierTraining, FirstLayerWeights, NormStats, ProbeStats, TrainConfig } from '../../gpu';
import type { Said } from '../i18n/said';
import type { BackendKind, EpochResult, FromWorker, LossPoint, LrChange, RunId, RunState, SamplePrediction } from '../protocol';
import { appendByStep, healthEntry, upToStep, type HealthEntry } from '../runs/inside-history';
import { appendPoints, pointsUpTo } from '../runs/point-history';

/** What went wrong with a run, or was put right, that its row and the training view say. */
export type RunIncident =
  | { kind: 'diverged'; seen: Said; step: number; rollback: { step: number; lr: number } }
  | { kind: 'rolled-back'; step: number; lr: number }
  /** A GPU error (out of memory, validation, internal) ended the run. */
  | { kind: 'gpu-error'; message: Said };

/** Where a run's model came from: new from its settings, or an imported file (its generated name says so). */
export type RunOrigin = 'new' | 'imported';

export interface RunRecord {
  id: RunId;
  /** The id of the first run of the runs created together; a race is paused, resumed and stepped together. */
  raceId: string;
  /** The name the user gave it; null: the name its settings make (see displayName). */
  customName: string | null;
  origin: RunOrigin;
  /** Its settings, the learning rate as it is now. */
  config: TrainConfig;
  /** Every change of its learning rate mid-run, as the worker recorded it (see lr-changes.ts). */
  lrChanges: LrChange[];
  /** The training its model had before this run: an imported file's epochs and steps (its exports count them too). */
  earlier: EarlierTraining;
  color: string;
  /** Milliseconds since 1970. */
  createdAt: number;
  state: RunState;
  step: number;
  epoch: number;
  /** 0 until the worker has built the run. */
  stepsPerEpoch: number;
  trainCount: number;
  /** Thinned evenly by step as they grow (see point-history.ts). */
  points: LossPoint[];
  pointGrid: number;
  epochs: EpochResult[];
  /** The latest loss read back, NaN included: the figure shows what the model really gives. */
  lastLoss: number | null;
  samplesPerSec: number;
  elapsedMs: number;
  backend: BackendKind | null;
  adapter: string | null;
  /** null until the worker has built the run. */
  initialWeightsHash: string | null;
  /** Drawn on the chart and asked by the drawing pad. */
  visible: boolean;
  incident: RunIncident | null;
  /** What the model made of the strip's test images at `step`; null predictions: its outputs are not numbers. */
  samplePredictions: { step: number; predictions: SamplePrediction[] | null } | null;
  /** The worker holds its model (live or parked): it can train and predict. A stored run without weights can only be viewed. */
  inWorker: boolean;
  /** Its latest weights are in IndexedDB, so a reload can give it back to the worker. */
  hasStoredWeights: boolean;
  // What the worker showed of the model's insides while the page watched it (not stored: see stored-run.ts).
  /** Layer norms over the steps, thinned evenly by step (see inside-history.ts). */
  norms: NormStats[];
  /** The latest probe of its hidden layers. */
  health: ProbeStats | null;
  /** Each probe's figures per hidden layer over the steps, thinned as the norms are. */
  healthHistory: HealthEntry[];
  /** The first layer's weights as of the latest probe; null without hidden layers. */
  firstLayer: FirstLayerWeights | null;
  /** The latest test evaluation's counts (100, row = true class) and accuracy. */
  confusion: RunConfusion | null;
}

export interface RunConfusion {
  step: number;
  counts: number[];
  accuracy: number;
}

/** What the worker showed of the model's insides: the page keeps these in memory only. */
export const INSIDE_FIELDS = ['norms', 'health', 'healthHistory', 'firstLayer', 'confusion'] as const satisfies readonly (keyof RunRecord)[];

/** Nothing shown of the model's insides yet, in arrays of the record's own. */
export const noInsides = (): Pick<RunRecord, (typeof INSIDE_FIELDS)[number]> => ({ norms: [], health: null, healthHistory: [], firstLayer: null, confusion: null });

/** A run the page asked for, before the worker has built it. */
export function requestedRun(spec: { id: RunId; raceId: string; config: TrainConfig; color: string; createdAt: number }): RunRecord {
  return {
    ...spec,
    customName: null,
    origin: 'new',
    lrChanges: [],
    earlier: { epochs: 0, steps: 0, lrChanges: [] },
    state: 'ready',
    step: 0,
    epoch: 0,
    stepsPerEpoch: 0,
    trainCount: 0,
    points: [],
    pointGrid: 1,
    epochs: [],
    lastLoss: null,
    samplesPerSec: 0,
    elapsedMs: 0,
    backend: null,
    adapter: null,
    initialWeightsHash: null,
    visible: true,
    incident: null,
    samplePredictions: null,
    inWorker: false,
    hasStoredWeights: false,
    ...noInsides(),
  };
}

/** The worker's messages about one run (its weights are the page's to store, not to show). */
export type RunMessage = Exclude<Extract<FromWorker, { runId: RunId }>, { type: 'weights' }>;

const upTo = <T extends { step: number }>(value: T | null, step: number): T | null => (value && value.step <= step ? value : null);

/** The run from a checkpoint at `step`: what came after it is trained again, and drawn anew. */
function backTo(run: RunRecord, step: number): RunRecord {
  const history = pointsUpTo({ points: run.points, grid: run.pointGrid }, step);
  const epochs = run.epochs.filter((e) => e.step <= step);
  return {
    ...run,
    points: history.points,
    epochs: epochs.length === run.epochs.length ? run.epochs : epochs,
    lastLoss: history.points.at(-1)?.loss ?? null,
    step,
    norms: upToStep(run.norms, step),
    health: upTo(run.health, step),
    healthHistory: upToStep(run.healthHistory, step),
    firstLayer: upTo(run.firstLayer, step),
    confusion: upTo(run.confusion, step),
  };
}

export function reduceRun(run: RunRecord, message: RunMessage): RunRecord {
  switch (message.type) {
    case 'run-created': {
      const { config, stepsPerEpoch, trainCount, step, epoch, initialWeightsHash, backend, adapter } = message;
      const built = { ...run, config, stepsPerEpoch, trainCount, epoch, initialWeightsHash, backend, adapter, inWorker: true, samplePredictions: null };
      if (run.initialWeightsHash === null) return { ...built, step };
      // A stored run taken back from its checkpoint: parked there, whatever stopped it before behind it.
      return { ...backTo(built, step), state: epoch >= config.epochs ? 'finished' : 'paused', incident: null };
    }
    case 'run-state':
      return { ...run, state: message.state };
    case 'lr-changes':
      return { ...run, config: { ...run.config, lr: message.lr }, lrChanges: message.changes };
    case 'progress': {
      const history = appendPoints({ points: run.points, grid: run.pointGrid }, message.points);
      const { step, epoch, samplesPerSec, elapsedMs } = message;
      const latest = message.points.at(-1);
      return { ...run, points: history.points, pointGrid: history.grid, lastLoss: latest ? latest.loss : run.lastLoss, step, epoch, samplesPerSec, elapsedMs };
    }
    case 'epoch': {
      const { epoch, step, testAccuracy, testLoss, seconds, confusion } = message;
      const epochs = [...run.epochs.filter((e) => e.epoch !== epoch), { epoch, step, testAccuracy, testLoss, seconds }];
      return { ...run, epochs, confusion: { step, counts: confusion, accuracy: testAccuracy } };
    }
    case 'confusion':
      return { ...run, confusion: { step: message.step, counts: message.counts, accuracy: message.accuracy } };
    case 'norms':
      return { ...run, norms: appendByStep(run.norms, message.stats) };
    case 'health':
      return { ...run, health: message.stats, firstLayer: message.weights, healthHistory: appendByStep(run.healthHistory, healthEntry(message.stats)) };
    case 'sample-predictions':
      return { ...run, samplePredictions: { step: message.step, predictions: message.predictions } };
    case 'restored': {
      const restored = { ...backTo(run, message.step), epoch: message.epoch, config: message.config };
      return message.cause === 'rollback' ? { ...restored, incident: { kind: 'rolled-back', step: message.step, lr: message.config.lr } } : restored;
    }
    case 'diverged':
      return { ...run, state: 'diverged', incident: { kind: 'diverged', seen: message.seen, step: message.step, rollback: message.rollback } };
    case 'run-failed':
      return { ...run, state: 'failed', incident: { kind: 'gpu-error', message: message.message } };
  }
}

/** The worker that held the run is gone: it keeps what it showed, and trains no more there. */
export function orphaned(run: RunRecord): RunRecord {
  if (!run.inWorker && run.state !== 'training') return run;
  return { ...run, inWorker: false, state: run.state === 'training' ? 'paused' : run.state, samplePredictions: null };
}
