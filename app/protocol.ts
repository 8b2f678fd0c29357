// The messages between the page and the training worker, both ways.
import type { TrainConfig } from '../gpu';

/**
 * loading: no model yet; ready: a fresh model at step 0; running / paused: a run in progress;
 * finished: all epochs done; recovering: the GPU device was lost and the run moves to a new one;
 * errored: a GPU error ended the run (see 'run-failed'); Train starts a fresh one;
 * failed: the worker cannot go on (see the error message).
 */
export type Phase = 'loading' | 'ready' | 'running' | 'paused' | 'finished' | 'recovering' | 'errored' | 'failed';

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

/** What the page's debug handle (window.gradlab.status()) reports. */
export interface WorkerStatus {
  backend: BackendKind | null;
  adapter: string | null;
  running: boolean;
  /** The run's settings, its learning rate as it is now; null before the first model. */
  config: TrainConfig | null;
  step: number;
  epoch: number;
  lastLoss: number | null;
  /** The step of the checkpoint a lost device or a rollback would go back to. */
  checkpointStep: number | null;
  /** GPU (or CPU backend) buffers and bytes held. */
  buffers: number;
  bytes: number;
  /** What the backend keeps for reuse now: see Counters. */
  cachedBindGroups: number;
  cachedUniforms: number;
  pooledBuffers: number;
}

/** Why the run went back to a checkpoint. */
export type RestoreCause = 'device-lost' | 'rollback';

/** What the page asks of the run; each carries an id and gets exactly one 'reply' with that id. */
export type Command =
  /** Loads the dataset again after it failed. */
  | { type: 'load-data' }
  /** Discards the current model and builds a fresh one with this config, not started. */
  | { type: 'configure'; config: TrainConfig }
  /** A fresh model with this config, trained at once. */
  | { type: 'train'; config: TrainConfig }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'step' }
  | { type: 'set-lr'; lr: number }
  /** After a divergence: back to the last good checkpoint with a tenth of the learning rate. */
  | { type: 'rollback' };

export type CommandType = Command['type'];

/** A GPU error the debug handle provokes: a real validation error, or an out-of-memory error raised through the device's error event. */
export type InjectedError = 'validation' | 'out-of-memory';

export type ToWorker =
  | (Command & { id: number })
  /** `defaultLimits` asks for a device with WebGPU's default limits (128 MiB per buffer), as a small GPU has. */
  | { type: 'init'; baseUrl: string; defaultLimits: boolean }
  | { type: 'predict'; id: number; pixels: Float32Array }
  | { type: 'status'; id: number }
  /** The page's heartbeat: answered with a pong at once, whatever the worker is doing. */
  | { type: 'ping' }
  /** Test hooks of the debug handle: a driver reset, a GPU error, and a worker that dies. */
  | { type: 'lose-device' }
  | { type: 'inject-error'; kind: InjectedError }
  | { type: 'crash' };

/** The worker's answer to one command: `error` is null when it was carried out, else why not. */
export interface CommandReply {
  type: 'reply';
  id: number;
  command: CommandType;
  error: string | null;
}

export type FromWorker =
  /** The backend in use, and what it can hold (see gpu/train/memory.ts): per buffer, and in all. */
  | { type: 'backend'; backend: BackendKind; adapter: string; webgpu: boolean; reason?: string; maxBufferElements: number; memoryBudgetBytes: number }
  | { type: 'data-progress'; loadedBytes: number; totalBytes: number }
  | { type: 'data-ready'; trainCount: number; testCount: number; samples: TestSample[] }
  /** The dataset could not be loaded; a 'load-data' tries again. */
  | { type: 'data-failed'; message: string }
  | { type: 'model'; config: TrainConfig; stepsPerEpoch: number }
  | { type: 'phase'; phase: Phase }
  /** Loss points read back since the last message, sent at most about ten times a second. */
  | { type: 'progress'; points: LossPoint[]; step: number; epoch: number; samplesPerSec: number; elapsedMs: number }
  | { type: 'epoch'; epoch: number; step: number; testAccuracy: number; testLoss: number }
  /** What the model at `step` makes of the strip's test images; null when its outputs are not numbers. */
  | { type: 'sample-predictions'; step: number; predictions: SamplePrediction[] | null }
  /** The GPU device is gone; the worker is moving the run to a new one. */
  | { type: 'device-lost'; reason: string }
  /** The run went back to the checkpoint at `step`, with `config` (its learning rate may be new). */
  | { type: 'restored'; cause: RestoreCause; step: number; epoch: number; config: TrainConfig }
  /** Training paused because `seen` at `step`; `rollback` is where a 'rollback' would take it. */
  | { type: 'diverged'; seen: string; step: number; rollback: { step: number; lr: number } }
  /** null when there is no model to ask yet, or its outputs are not numbers. */
  | { type: 'prediction'; id: number; probabilities: Float32Array | null }
  | { type: 'status'; id: number; status: WorkerStatus }
  | { type: 'pong' }
  | CommandReply
  /** The run was ended by a GPU error (out of memory, validation, internal); the page and the worker go on. */
  | { type: 'run-failed'; message: string }
  /** A failure that no command is waiting for (a background read-back, a checkpoint). */
  | { type: 'error'; message: string };
