// The page's one connection to the training worker: its state, and the commands it accepts.
import { createContext, useContext, useEffect, useState, useSyncExternalStore, type ReactNode } from 'react';
import type { TrainConfig } from '../gpu';
import { APP_DEFAULT_CONFIG } from './config-form';
import { appendLosses, EMPTY_HISTORY, truncateLosses, type LossHistory } from './loss-history';
import type { BackendKind, FromWorker, Phase, SamplePrediction, TestSample, ToWorker, WorkerStatus } from './protocol';

export interface BackendInfo {
  kind: BackendKind;
  adapter: string;
  /** Why WebGPU could not be used, when it could not. */
  reason?: string;
  maxBufferElements: number;
}

/** Something went wrong, or was put right, that the page must say (with what to do about it). */
export type Incident =
  /** `restoredStep` is null while the run is moving to a new device. */
  | { kind: 'device-lost'; reason: string; restoredStep: number | null }
  | { kind: 'diverged'; seen: string; step: number; rollback: { step: number; lr: number } }
  | { kind: 'rolled-back'; step: number; lr: number }
  | { kind: 'data-failed'; message: string }
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
  error: string | null;
}

export interface TrainerCommands {
  configure(config: TrainConfig): void;
  train(config: TrainConfig): void;
  pause(): void;
  resume(): void;
  step(): void;
  setLearningRate(lr: number): void;
  /** After a divergence: back to the last good checkpoint with a smaller learning rate. */
  rollback(): void;
  /** Loads the dataset again after it failed. */
  retryData(): void;
  /** A new worker in place of one that crashed or stopped answering; the page starts over. */
  startAgain(): void;
  /** Class probabilities from the current model; null while there is none, or its outputs are not numbers. */
  predict(pixels: Float32Array): Promise<Float32Array | null>;
  status(): Promise<WorkerStatus>;
}

const INITIAL_STATE: TrainerState = {
  backend: null,
  download: null,
  dataset: null,
  phase: 'loading',
  model: null,
  losses: EMPTY_HISTORY,
  lastLoss: null,
  epochs: [],
  step: 0,
  epoch: 0,
  samplesPerSec: 0,
  elapsedMs: 0,
  samples: [],
  samplePredictions: null,
  incident: null,
  error: null,
};

/** Replies to requests go to whoever asked; everything else the worker says becomes page state. */
type Action =
  | Exclude<FromWorker, { type: 'prediction' | 'status' | 'pong' }>
  | { type: 'worker-crashed'; message: string }
  | { type: 'worker-silent' }
  | { type: 'worker-answering' }
  | { type: 'retrying-data' }
  | { type: 'restart' };

function reduce(state: TrainerState, action: Action): TrainerState {
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
    case 'worker-silent':
      return { ...state, incident: { kind: 'worker-silent' } };
    case 'worker-answering':
      return state.incident?.kind === 'worker-silent' ? { ...state, incident: null } : state;
    case 'restart':
      return INITIAL_STATE;
    case 'backend':
      return {
        ...state,
        backend: { kind: action.backend, adapter: action.adapter, reason: action.reason, maxBufferElements: action.maxBufferElements },
      };
    case 'data-progress':
      return { ...state, download: { loadedBytes: action.loadedBytes, totalBytes: action.totalBytes } };
    case 'data-ready':
      return { ...state, dataset: { trainCount: action.trainCount, testCount: action.testCount }, samples: action.samples };
    case 'model':
      return {
        ...state,
        model: { config: action.config, stepsPerEpoch: action.stepsPerEpoch },
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
      };
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

/**
 * The page's state, kept outside React so that each component subscribes to the fields it reads: a
 * progress report ten times a second re-renders the figures and the chart, not the whole page.
 */
class TrainerStore {
  private state = INITIAL_STATE;
  private readonly listeners = new Set<() => void>();

  readonly get = () => this.state;

  readonly subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly dispatch = (action: Action) => {
    const next = reduce(this.state, action);
    if (next === this.state) return;
    this.state = next;
    for (const listener of this.listeners) listener();
  };
}

interface TrainerContextValue {
  store: TrainerStore;
  commands: TrainerCommands;
}

const TrainerContext = createContext<TrainerContextValue | null>(null);

/** Answers to requests (predict, status) by request id. */
class PendingReplies<T> {
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (value: T) => void; reject: (error: Error) => void }>();

  request(send: (id: number) => void): Promise<T> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      send(id);
    });
  }

  answer(id: number, value: T): void {
    this.waiting.get(id)?.resolve(value);
    this.waiting.delete(id);
  }

  /** The worker that would have answered is gone: nobody waits forever. */
  abandon(): void {
    for (const { reject } of this.waiting.values()) reject(new Error('the training worker stopped'));
    this.waiting.clear();
  }
}

/** Test hooks, present with ?debug in the URL, for tests and curious people. */
export interface DebugHandle {
  status(): Promise<WorkerStatus>;
  /** Destroys the GPU device in use, as a driver reset would. */
  loseDevice(): void;
  /** Stops the worker dead, as a crash would. */
  crashWorker(): void;
}

declare global {
  interface Window {
    gradlab?: DebugHandle;
  }
}

const HEARTBEAT_MS = 1000;
/**
 * Silence this long means the worker died or is stuck. A step of a huge model on the CPU backend
 * can take this long too, so the page says so and offers a restart rather than forcing one.
 */
const SILENCE_MS = 4000;

/** Owns the worker while the page shows it; sends commands, matches replies, and listens for its heartbeat. */
class WorkerLink implements TrainerCommands, DebugHandle {
  private worker: Worker | null = null;
  private dispatch: (action: Action) => void = () => {};
  private readonly predictions = new PendingReplies<Float32Array | null>();
  private readonly statuses = new PendingReplies<WorkerStatus>();
  private heartbeat: number | undefined;
  /** When the worker was first asked for a sign of life and has not given one since. */
  private unansweredSince: number | null = null;
  private silent = false;

  connect(dispatch: (action: Action) => void): void {
    this.dispatch = dispatch;
    const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = ({ data: message }: MessageEvent<FromWorker>) => {
      this.heard();
      if (message.type === 'prediction') this.predictions.answer(message.id, message.probabilities);
      else if (message.type === 'status') this.statuses.answer(message.id, message.status);
      else if (message.type !== 'pong') dispatch(message);
      if (message.type === 'data-ready') this.configure(APP_DEFAULT_CONFIG);
    };
    // An exception nothing caught: the worker's state is unknown, so it goes.
    worker.onerror = (event) => {
      this.disconnect();
      dispatch({ type: 'worker-crashed', message: `The training worker crashed: ${event.message || 'unknown error'}.` });
    };
    this.worker = worker;
    this.heartbeat = window.setInterval(() => this.listen(), HEARTBEAT_MS);
    const defaultLimits = new URLSearchParams(location.search).get('limits') === 'default';
    this.send({ type: 'init', baseUrl: import.meta.env.BASE_URL, defaultLimits });
  }

  disconnect(): void {
    window.clearInterval(this.heartbeat);
    this.worker?.terminate();
    this.worker = null;
    this.unansweredSince = null;
    this.silent = false;
    this.predictions.abandon();
    this.statuses.abandon();
  }

  startAgain(): void {
    this.disconnect();
    this.dispatch({ type: 'restart' });
    this.connect(this.dispatch);
  }

  configure(config: TrainConfig): void {
    this.send({ type: 'configure', config });
  }

  train(config: TrainConfig): void {
    this.send({ type: 'train', config });
  }

  pause(): void {
    this.send({ type: 'pause' });
  }

  resume(): void {
    this.send({ type: 'resume' });
  }

  step(): void {
    this.send({ type: 'step' });
  }

  setLearningRate(lr: number): void {
    this.send({ type: 'set-lr', lr });
  }

  rollback(): void {
    this.send({ type: 'rollback' });
  }

  retryData(): void {
    this.dispatch({ type: 'retrying-data' });
    this.send({ type: 'load-data' });
  }

  predict(pixels: Float32Array): Promise<Float32Array | null> {
    return this.predictions.request((id) => this.send({ type: 'predict', id, pixels }, [pixels.buffer])).catch(() => null);
  }

  status(): Promise<WorkerStatus> {
    return this.statuses.request((id) => this.send({ type: 'status', id }));
  }

  loseDevice(): void {
    this.send({ type: 'lose-device' });
  }

  crashWorker(): void {
    this.send({ type: 'crash' });
  }

  /**
   * Every message counts as a sign of life; a ping asks for one. Silence is timed from the first
   * unanswered ping, not from the last message: timers of a background tab fire once a minute.
   */
  private listen(): void {
    const now = performance.now();
    this.unansweredSince ??= now;
    if (!this.silent && now - this.unansweredSince > SILENCE_MS) {
      this.silent = true;
      this.dispatch({ type: 'worker-silent' });
    }
    this.send({ type: 'ping' });
  }

  private heard(): void {
    this.unansweredSince = null;
    if (!this.silent) return;
    this.silent = false;
    this.dispatch({ type: 'worker-answering' });
  }

  private send(message: ToWorker, transfer: Transferable[] = []): void {
    this.worker?.postMessage(message, transfer);
  }
}

export function TrainerProvider({ children }: { children: ReactNode }) {
  const [value] = useState(() => ({ store: new TrainerStore(), commands: new WorkerLink() }));

  useEffect(() => {
    const { store, commands: link } = value;
    link.connect(store.dispatch);
    if (new URLSearchParams(location.search).has('debug')) window.gradlab = link;
    return () => {
      link.disconnect();
      delete window.gradlab;
    };
  }, [value]);

  return <TrainerContext.Provider value={value}>{children}</TrainerContext.Provider>;
}

function useTrainerContext(): TrainerContextValue {
  const value = useContext(TrainerContext);
  if (!value) throw new Error('gradlab components need a <TrainerProvider> above them');
  return value;
}

/** One field of the page's state; the component re-renders when that field changes. */
export function useTrainerState<K extends keyof TrainerState>(field: K): TrainerState[K] {
  const { store } = useTrainerContext();
  return useSyncExternalStore(store.subscribe, () => store.get()[field]);
}

export function useTrainerCommands(): TrainerCommands {
  return useTrainerContext().commands;
}
