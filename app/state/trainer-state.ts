// The page's state of the run and what changes it: a pure reducer over what the worker says and what the page does.
import type { TrainConfig } from '../../gpu';
import { appendLosses, EMPTY_HISTORY, truncateLosses, type LossHistory } from '../loss-history';
import type { BackendKind, FromWorker, Phase, SamplePrediction, TestSample } from '../protocol';

export interface BackendInfo {
  kind: BackendKind;
  adapter: string;
  /** Why WebGPU could not be used, when it could not. */
  reason?: string;
  maxBufferElements: number;
  /** The most bytes a configuration may hold in all on this backend. */
  memoryBudgetBytes: number;
}

/** Something went wrong, or was put right, that the page must say (with what to do about it). */
export type Incident =
  /** `restoredStep` is null while the run is moving to a new device. */
  | { kind: 'device-lost'; reason: string; restoredStep: number | null }
  | { kind: 'diverged'; seen: string; step: number; rollback: { step: number; lr: number } }
  | { kind: 'rolled-back'; step: number; lr: number }
  | { kind: 'data-failed'; message: string }
  /** A GPU error (out of memory, validation, internal) ended the run. */
  | { kind: 'gpu-error'; message: string }
  | { kind: 'worker-silent' };

export interface EpochResult {
  epoch: number;
  step: number;
  testAccuracy: number;
  testLoss: number;
}

export interface TrainerState {
  backend: BackendInfo | null;
  download: { loadedBytes: number; totalBytes: number } | null;
  /** Set once the dataset is on the device. */
  dataset: { trainCount: number; testCount: number } | null;
  phase: Phase;
  model: { config: TrainConfig; stepsPerEpoch: number } | null;
  losses: LossHistory;
  /** The latest loss read back, NaN included: the figure shows what the model really gives. */
  lastLoss: number | null;
  epochs: EpochResult[];
  step: number;
  epoch: number;
  samplesPerSec: number;
  elapsedMs: number;
  samples: TestSample[];
  /** null predictions: the model's outputs are not numbers. */
  samplePredictions: { step: number; predictions: SamplePrediction[] | null } | null;
  incident: Incident | null;
  /** A failure that no command was waiting for; a command's own failure goes to whoever issued it. */
  error: string | null;
}

/** What a fresh model starts from: no history, no figures, nothing to report. */
const FRESH_RUN = {
  losses: EMPTY_HISTORY,
  lastLoss: null,
  epochs: [],
  step: 0,
  epoch: 0,
  samplesPerSec: 0,
  elapsedMs: 0,
  samplePredictions: null,
  incident: null,
  error: null,
} satisfies Partial<TrainerState>;

export const INITIAL_STATE: TrainerState = {
  ...FRESH_RUN,
  backend: null,
  download: null,
  dataset: null,
  phase: 'loading',
  model: null,
  samples: [],
};

/** Answers to requests go to whoever asked (see WorkerLink); everything else the worker says becomes page state. */
export type TrainerAction =
  | Exclude<FromWorker, { type: 'prediction' | 'status' | 'pong' | 'reply' }>
  | { type: 'worker-crashed'; message: string }
  | { type: 'worker-silent' }
  | { type: 'worker-answering' }
  | { type: 'retrying-data' }
  | { type: 'restart' };

export function reduceTrainerState(state: TrainerState, action: TrainerAction): TrainerState {
  switch (action.type) {
    case 'data-failed':
      return { ...state, download: null, incident: { kind: 'data-failed', message: action.message } };
    case 'retrying-data':
      return { ...state, incident: null };
    case 'device-lost':
      return { ...state, incident: { kind: 'device-lost', reason: action.reason, restoredStep: null } };
    case 'restored':
      return {
        ...state,
        model: state.model && { ...state.model, config: action.config },
        // The steps after the checkpoint are trained again and drawn anew.
        losses: truncateLosses(state.losses, action.step),
        epochs: state.epochs.filter((e) => e.step <= action.step),
        step: action.step,
        epoch: action.epoch,
        incident:
          action.cause === 'rollback'
            ? { kind: 'rolled-back', step: action.step, lr: action.config.lr }
            : state.incident?.kind === 'device-lost'
              ? { ...state.incident, restoredStep: action.step }
              : state.incident,
      };
    case 'diverged':
      return { ...state, incident: { kind: 'diverged', seen: action.seen, step: action.step, rollback: action.rollback } };
    case 'run-failed':
      return { ...state, phase: 'errored', incident: { kind: 'gpu-error', message: action.message } };
    case 'worker-silent':
      return { ...state, incident: { kind: 'worker-silent' } };
    case 'worker-answering':
      return state.incident?.kind === 'worker-silent' ? { ...state, incident: null } : state;
    case 'restart':
      return INITIAL_STATE;
    case 'backend':
      return {
        ...state,
        backend: {
          kind: action.backend,
          adapter: action.adapter,
          reason: action.reason,
          maxBufferElements: action.maxBufferElements,
          memoryBudgetBytes: action.memoryBudgetBytes,
        },
      };
    case 'data-progress':
      return { ...state, download: { loadedBytes: action.loadedBytes, totalBytes: action.totalBytes } };
    case 'data-ready':
      return { ...state, dataset: { trainCount: action.trainCount, testCount: action.testCount }, samples: action.samples };
    case 'model':
      return { ...state, ...FRESH_RUN, model: { config: action.config, stepsPerEpoch: action.stepsPerEpoch } };
    case 'phase':
      return { ...state, phase: action.phase };
    case 'progress': {
      const latest = action.points.at(-1);
      return {
        ...state,
        losses: appendLosses(state.losses, action.points),
        lastLoss: latest ? latest.loss : state.lastLoss,
        step: action.step,
        epoch: action.epoch,
        samplesPerSec: action.samplesPerSec,
        elapsedMs: action.elapsedMs,
      };
    }
    case 'epoch':
      return { ...state, epochs: [...state.epochs, { epoch: action.epoch, step: action.step, testAccuracy: action.testAccuracy, testLoss: action.testLoss }] };
    case 'sample-predictions':
      return { ...state, samplePredictions: { step: action.step, predictions: action.predictions } };
    case 'error':
      return { ...state, error: action.message };
    case 'worker-crashed':
      return { ...state, error: action.message, phase: 'failed' };
  }
}
