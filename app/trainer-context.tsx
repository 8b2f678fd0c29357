// The page's one connection to the training worker: its state, and the commands it accepts.
import { createContext, useContext, useEffect, useMemo, useReducer, useState, type ReactNode } from 'react';
import type { TrainConfig } from '../gpu';
import { APP_DEFAULT_CONFIG } from './config-form';
import { appendLosses, EMPTY_HISTORY, type LossHistory } from './loss-history';
import type { BackendKind, FromWorker, Phase, SamplePrediction, TestSample, ToWorker, WorkerStatus } from './protocol';

export interface BackendInfo {
  kind: BackendKind;
  adapter: string;
  /** Why WebGPU could not be used, when it could not. */
  reason?: string;
  maxBufferElements: number;
}

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
  /** The latest loss read back, NaN included, so a diverged run can say so. */
  lastLoss: number | null;
  epochs: EpochResult[];
  step: number;
  epoch: number;
  samplesPerSec: number;
  elapsedMs: number;
  samples: TestSample[];
  samplePredictions: { step: number; predictions: SamplePrediction[] } | null;
  error: string | null;
}

export interface TrainerCommands {
  configure(config: TrainConfig): void;
  train(config: TrainConfig): void;
  pause(): void;
  resume(): void;
  step(): void;
  setLearningRate(lr: number): void;
  /** Class probabilities from the current model, or null while there is none. */
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
  error: null,
};

/** Replies to requests go to whoever asked; everything else the worker says becomes page state. */
type Action = Exclude<FromWorker, { type: 'prediction' | 'status' }> | { type: 'worker-crashed'; message: string };

function reduce(state: TrainerState, action: Action): TrainerState {
  switch (action.type) {
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

interface TrainerContextValue {
  state: TrainerState;
  commands: TrainerCommands;
}

const TrainerContext = createContext<TrainerContextValue | null>(null);

/** Answers to requests (predict, status) by request id. */
class PendingReplies<T> {
  private nextId = 1;
  private readonly waiting = new Map<number, (value: T) => void>();

  request(send: (id: number) => void): Promise<T> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      send(id);
    });
  }

  answer(id: number, value: T): void {
    this.waiting.get(id)?.(value);
    this.waiting.delete(id);
  }
}

declare global {
  interface Window {
    /** Present with ?debug in the URL, for tests and curious people. */
    gradlab?: { status(): Promise<WorkerStatus> };
  }
}

/** Owns the worker while the page shows it; sends commands and matches replies to requests. */
class WorkerLink implements TrainerCommands {
  private worker: Worker | null = null;
  private readonly predictions = new PendingReplies<Float32Array | null>();
  private readonly statuses = new PendingReplies<WorkerStatus>();

  connect(dispatch: (action: Action) => void): void {
    const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = ({ data: message }: MessageEvent<FromWorker>) => {
      if (message.type === 'prediction') this.predictions.answer(message.id, message.probabilities);
      else if (message.type === 'status') this.statuses.answer(message.id, message.status);
      else dispatch(message);
      if (message.type === 'data-ready') this.configure(APP_DEFAULT_CONFIG);
    };
    worker.onerror = (event) => {
      const message = `The training worker stopped: ${event.message || 'unknown error'}. Reload the page to start again.`;
      dispatch({ type: 'worker-crashed', message });
    };
    this.worker = worker;
    this.send({ type: 'init', baseUrl: import.meta.env.BASE_URL });
  }

  disconnect(): void {
    this.worker?.terminate();
    this.worker = null;
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

  predict(pixels: Float32Array): Promise<Float32Array | null> {
    return this.predictions.request((id) => this.send({ type: 'predict', id, pixels }, [pixels.buffer]));
  }

  status(): Promise<WorkerStatus> {
    return this.statuses.request((id) => this.send({ type: 'status', id }));
  }

  private send(message: ToWorker, transfer: Transferable[] = []): void {
    this.worker?.postMessage(message, transfer);
  }
}

export function TrainerProvider({ children }: { children: ReactNode }) {
  const [state, dispatch] = useReducer(reduce, INITIAL_STATE);
  const [link] = useState(() => new WorkerLink());

  useEffect(() => {
    link.connect(dispatch);
    if (new URLSearchParams(location.search).has('debug')) window.gradlab = { status: () => link.status() };
    return () => {
      link.disconnect();
      delete window.gradlab;
    };
  }, [link]);

  const value = useMemo(() => ({ state, commands: link }), [state, link]);
  return <TrainerContext.Provider value={value}>{children}</TrainerContext.Provider>;
}

export function useTrainer(): TrainerContextValue {
  const value = useContext(TrainerContext);
  if (!value) throw new Error('useTrainer() needs a <TrainerProvider> above it');
  return value;
}
