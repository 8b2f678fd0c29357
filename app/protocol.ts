// The messages between the page and the training worker, both ways.
import type { TrainConfig } from '../gpu';

/**
 * loading: no model yet; ready: a fresh model at step 0; running / paused: a run in progress;
 * finished: all epochs done; failed: the worker cannot go on (see the error message).
 */
export type Phase = 'loading' | 'ready' | 'running' | 'paused' | 'finished' | 'failed';

export type BackendKind = 'webgpu' | 'cpu';

export interface LossPoint {
  step: number;
  loss: number;
}

/** A test image shown in the strip: 784 bytes, 0 = background. */
export interface TestSample {
  index: number;
  label: number;
  image: Uint8Array;
}

export interface SamplePrediction {
  predicted: number;
  confidence: number;
}

export interface WorkerStatus {
  backend: BackendKind | null;
  adapter: string | null;
  running: boolean;
  step: number;
  epoch: number;
  lastLoss: number | null;
}

export type ToWorker =
  | { type: 'init'; baseUrl: string }
  /** Discards the current model and builds a fresh one with this config, not started. */
  | { type: 'configure'; config: TrainConfig }
  /** A fresh model with this config, trained at once. */
  | { type: 'train'; config: TrainConfig }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'step' }
  | { type: 'set-lr'; lr: number }
  | { type: 'predict'; id: number; pixels: Float32Array }
  | { type: 'status'; id: number };

export type FromWorker =
  | { type: 'backend'; backend: BackendKind; adapter: string; webgpu: boolean; reason?: string; maxBufferElements: number }
  | { type: 'data-progress'; loadedBytes: number; totalBytes: number }
  | { type: 'data-ready'; trainCount: number; testCount: number; samples: TestSample[] }
  | { type: 'model'; config: TrainConfig; stepsPerEpoch: number }
  | { type: 'phase'; phase: Phase }
  /** Loss points read back since the last message, sent at most about ten times a second. */
  | { type: 'progress'; points: LossPoint[]; step: number; epoch: number; samplesPerSec: number; elapsedMs: number }
  | { type: 'epoch'; epoch: number; step: number; testAccuracy: number; testLoss: number }
  /** What the model at `step` makes of the strip's test images. */
  | { type: 'sample-predictions'; step: number; predictions: SamplePrediction[] }
  /** null when there is no model to ask yet. */
  | { type: 'prediction'; id: number; probabilities: Float32Array | null }
  | { type: 'status'; id: number; status: WorkerStatus }
  | { type: 'error'; message: string };
