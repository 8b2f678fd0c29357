// The messages between the page and the training worker, both ways. The worker holds many runs,
// each named by an id the page gives it; a race is runs created together and stepped together.
import type { Language } from './i18n/language';
import type { Said } from './i18n/said';
import type { ActivationCurve, ActivationName, Checkpoint, FirstLayerWeights, Inspection, NormStats, ProbeStats, TrainConfig, WebGpuUnavailable } from '../gpu';

/** Ids are made by the page (see app/runs/), so that a run keeps its id across reloads. */
export type RunId = string;

/**
 * The worker as a whole. loading: no dataset yet; ready: runs can be created; recovering: the GPU
 * device was lost and every run moves to a new one; failed: the worker cannot go on (see 'error').
 */
export type WorkerPhase = 'loading' | 'ready' | 'recovering' | 'failed';

/**
 * One run. ready: built, not trained yet; training: stepped by the worker's loop; paused: stopped,
 * can resume; finished: all epochs done; diverged: stopped by a divergence, goes on only through
 * a rollback; failed: ended by a GPU error or a failed read-back, kept for viewing.
 */
export type RunState = 'ready' | 'training' | 'paused' | 'finished' | 'diverged' | 'failed';

export type BackendKind = 'webgpu' | 'cpu' | 'wasm';
/** What the user asked for (the Backend select, `?backend=`): Auto, or one backend by name (js: the CPU backend). */
export type BackendChoice = 'auto' | 'webgpu' | 'wasm' | 'js';

/**
 * Why this backend trains, as data: the page words it in its language of the moment
 * (app/components/backend-text.ts). `missing`: the step at which WebGPU failed; `ratio`: how many
 * times faster the winner of Auto's trial was; `error`: why the trial failed, described for the page
 * to word, or in the browser's own words.
 */
export type BackendReason =
  | { kind: 'no-webgpu'; missing: WebGpuUnavailable; simd: boolean }
  | { kind: 'hardware' }
  | { kind: 'software-no-simd' }
  | { kind: 'software-untimed'; error?: Said }
  | { kind: 'wasm-faster'; ratio: number }
  | { kind: 'webgpu-faster'; ratio: number }
  | { kind: 'webgpu-asked-missing'; missing: WebGpuUnavailable; simd: boolean }
  | { kind: 'wasm-asked-no-simd' }
  | { kind: 'chosen'; choice: Exclude<BackendChoice, 'auto'> };

/** A training step whose figures were read back. */
export interface LossPoint {
  step: number;
  loss: number;
  /** The share of that step's batch the model classified right (0 to 1), before the update. */
  accuracy: number;
  /** The run's training time up to that step, in seconds. */
  seconds: number;
}

/**
 * The learning rate changed mid-run: `step` steps had been trained (with `from`); the steps after
 * it train with `to`. A rollback that divides the rate by ten is one too.
 */
export interface LrChange {
  step: number;
  from: number;
  to: number;
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

export interface EpochResult {
  epoch: number;
  step: number;
  testAccuracy: number;
  testLoss: number;
  /** The run's training time when the epoch ended, in seconds. */
  seconds: number;
}

/** What a model was asked about: a drawing (pixels in [0, 1], 0 = background), or a test image by its index. */
export type InspectInput = { pixels: Float32Array } | { testIndex: number };

/** A test image of a confusion-matrix cell, with what the model makes of it now. */
export interface CellImage {
  index: number;
  label: number;
  image: Uint8Array;
  /** As the run's loss defines them. */
  probabilities: number[];
}

/** One run as the worker holds it (window.gradlab.status().runs). */
export interface RunStatus {
  id: RunId;
  /** Its settings, the learning rate as it is now. */
  config: TrainConfig;
  state: RunState;
  step: number;
  epoch: number;
  lastLoss: number | null;
  /** The step of the checkpoint a lost device or a rollback would go back to. */
  checkpointStep: number;
  /** Whether its model is on the device now; a parked run is held as a checkpoint on the CPU. */
  live: boolean;
  initialWeightsHash: string;
  /** Every change of its learning rate, in order: the rates the run saw, with the step each took effect from. */
  lrChanges: LrChange[];
}

/** What the page's debug handle (window.gradlab.status()) reports. */
export interface WorkerStatus {
  backend: BackendKind | null;
  adapter: string | null;
  phase: WorkerPhase;
  runs: RunStatus[];
  /** GPU (or CPU backend) buffers and bytes held. */
  buffers: number;
  bytes: number;
  /** What the backend keeps for reuse now: see Counters. */
  cachedBindGroups: number;
  cachedUniforms: number;
  pooledBuffers: number;
}

/** Why a run went back to a checkpoint. */
export type RestoreCause = 'device-lost' | 'backend-changed' | 'rollback';

export interface RunSpec {
  id: RunId;
  config: TrainConfig;
}

/** What the page asks of the worker; each carries an id and gets exactly one 'reply' with that id. */
export type Command =
  /** Loads the dataset again after it failed. */
  | { type: 'load-data' }
  /**
   * New runs, all checked against the device before any is built (a refusal names the run's
   * configuration and the limit), starting from the same initial weights where their shapes are
   * equal and seeing the same batches. `start`: every run training now pauses, and these train
   * together; else they wait, ready.
   */
  | { type: 'create'; runs: RunSpec[]; start: boolean }
  | { type: 'pause'; runIds: RunId[] }
  /** These runs join the training loop (a race resumes together). */
  | { type: 'resume'; runIds: RunId[] }
  /** One step of each of these runs, losses read back. */
  | { type: 'step'; runIds: RunId[] }
  /** From the run's next step on; recorded in its lrChanges ('lr-changes'). */
  | { type: 'set-lr'; runId: RunId; lr: number }
  /**
   * After a divergence: back to the run's last good checkpoint with a tenth of its learning rate,
   * training. A run rolled back before that is stuck (not diverged) goes back to the checkpoint that
   * rollback went to, with a tenth of its learning rate now.
   */
  | { type: 'rollback'; runId: RunId }
  /**
   * The runs whose insides the page shows now (the list replaces the one before; [] for none):
   * while they train, their layer norms and unit health are sampled and posted ('norms', 'health');
   * a stopped one's health is posted once when it stops or becomes watched. Parked runs are left be.
   */
  | { type: 'watch'; runIds: RunId[] }
  /** The whole test set through a stopped run's model (a parked one is put back on the device): 'confusion', then the reply. */
  | { type: 'evaluate'; runId: RunId }
  /** The run and its buffers go. */
  | { type: 'delete'; runId: RunId }
  /**
   * A run the page kept (IndexedDB) comes back from its checkpoint, parked: paused or finished.
   * `elapsedMs`: its training time so far (RunRecord.elapsedMs), so that its clock carries on from
   * there; `lrChanges`: the changes of its learning rate so far, so that its status lists them all.
   */
  | { type: 'adopt'; runId: RunId; checkpoint: Checkpoint; elapsedMs?: number; lrChanges?: LrChange[] }
  /**
   * Trains on the backend `backend` names from now on: each run on the device is checkpointed where
   * it is and moved there as after a lost device ('backend', then 'restored' for each), and those
   * that were training go on training.
   */
  | { type: 'set-backend'; backend: BackendChoice };

export type CommandType = Command['type'];

/**
 * A GPU error the debug handle provokes: a real validation error, or an out-of-memory error raised
 * through the device's error event. With a run, the validation error happens inside that run's
 * next step; without, at once and outside any run.
 */
export type InjectedError = 'validation' | 'out-of-memory';

export type ToWorker =
  | (Command & { id: number })
  /**
   * `defaultLimits` asks for a device with WebGPU's default limits (128 MiB per buffer), as a small GPU has.
   * `precached`: a service worker controls the page, and answers MNIST from its precache.
   */
  | { type: 'init'; baseUrl: string; defaultLimits: boolean; backend?: BackendChoice; precached?: boolean; language: Language }
  /** The page's language changed: what the worker says from now on is in `language`. */
  | { type: 'language'; language: Language }
  /** The class probabilities of a drawing from each of these runs' models as they are now. */
  | { type: 'predict'; id: number; runIds: RunId[]; pixels: Float32Array }
  | { type: 'status'; id: number }
  /** A run's logits, probabilities, every loss and its gradient, and its first layer, for one input: answered by 'inspection'. */
  | { type: 'inspect'; id: number; runId: RunId; input: InspectInput; target: number | null }
  /** An activation and its derivative over [-6, 6] through the kernels of the backend that trains. */
  | { type: 'activation-curve'; id: number; activation: ActivationName; alpha?: number }
  /** Up to `limit` test images of class `actual` that the run's last evaluation took for `predicted`: answered by 'cell-images'. */
  | { type: 'confusion-cell'; id: number; runId: RunId; actual: number; predicted: number; limit: number }
  /** The page's heartbeat: answered with a pong at once, whatever the worker is doing. */
  | { type: 'ping' }
  /** Test hooks of the debug handle: a driver reset, a GPU error, and a worker that dies. */
  | { type: 'lose-device' }
  | { type: 'inject-error'; kind: InjectedError; runId?: RunId }
  | { type: 'crash' };

/** The worker's answer to one command: `error` is null when it was carried out, else why not. */
export interface CommandReply {
  type: 'reply';
  id: number;
  command: CommandType;
  error: Said | null;
}

export interface RunPrediction {
  runId: RunId;
  /** null when the run has no model the worker can ask, or its outputs are not numbers. */
  probabilities: Float32Array | null;
}

export type FromWorker =
  /** The backend in use, and what it can hold (see gpu/train/memory.ts): per buffer, and in all. */
  | {
      type: 'backend';
      backend: BackendKind;
      /** What trains, by name (a GPU's, as the browser gives it), or described for the page to word (the WebAssembly backend's threads). */
      adapter: Said;
      webgpu: boolean;
      /** Why this backend trains (Auto's choice, the user's, or why WebGPU could not be used). */
      reason?: BackendReason;
      /** Auto's timed trial, in ms a step, when WebGPU was a software emulation. */
      trial?: { webgpuMs: number; wasmMs: number };
      /**
       * When the browser gave no WebGPU device: which step failed (`unavailable`), and what went
       * wrong (`webgpuMissing`, '' when nothing more is known): the browser's own words for a refused
       * device, shown as they are, or a failure once a device was given, described for the page to word.
       */
      webgpuMissing?: Said;
      unavailable?: WebGpuUnavailable;
      maxBufferElements: number;
      /** The most bytes a configuration may hold in all on this backend. */
      memoryBudgetBytes: number;
    }
  | { type: 'data-progress'; loadedBytes: number; totalBytes: number }
  | { type: 'data-ready'; trainCount: number; testCount: number; samples: TestSample[] }
  /** The dataset could not be loaded; a 'load-data' tries again. */
  | { type: 'data-failed'; message: Said }
  | { type: 'phase'; phase: WorkerPhase }
  /** A run built (by 'create') or taken back (by 'adopt'), on this backend. */
  | {
      type: 'run-created';
      runId: RunId;
      config: TrainConfig;
      stepsPerEpoch: number;
      trainCount: number;
      step: number;
      epoch: number;
      initialWeightsHash: string;
      backend: BackendKind;
      adapter: string;
    }
  | { type: 'run-state'; runId: RunId; state: RunState }
  /** Points read back since the last message, sent at most about ten times a second a run. */
  | { type: 'progress'; runId: RunId; points: LossPoint[]; step: number; epoch: number; samplesPerSec: number; elapsedMs: number }
  /** `confusion`: the test set's 10×10 counts, row = true class, its diagonal the correct ones. */
  | ({ type: 'epoch'; runId: RunId; confusion: number[] } & EpochResult)
  /** An evaluation asked for ('evaluate'): the confusion counts and accuracy of the model at `step`. */
  | { type: 'confusion'; runId: RunId; step: number; counts: number[]; accuracy: number }
  /** A watched run's gradient, weight and update norms per linear layer, at a step. */
  | { type: 'norms'; runId: RunId; stats: NormStats }
  /** A watched run's hidden layers on the probe set, and its first layer's weights (null without hidden layers). */
  | { type: 'health'; runId: RunId; stats: ProbeStats; weights: FirstLayerWeights | null }
  /** What the model at `step` makes of the strip's test images; null when its outputs are not numbers. */
  | { type: 'sample-predictions'; runId: RunId; step: number; predictions: SamplePrediction[] | null }
  /** The GPU device is gone; the worker is moving every run to a new one. */
  | { type: 'device-lost'; reason: Said }
  /** The run went back to the checkpoint at `step`, with `config` (its learning rate may be new). */
  | { type: 'restored'; runId: RunId; cause: RestoreCause; step: number; epoch: number; config: TrainConfig }
  /** The run's learning rate is now `lr`, after these changes (all of them, in order). */
  | { type: 'lr-changes'; runId: RunId; lr: number; changes: LrChange[] }
  /** The run stopped because `seen` at `step`; `rollback` is where a 'rollback' would take it. */
  | { type: 'diverged'; runId: RunId; seen: Said; step: number; rollback: { step: number; lr: number } }
  /** The run was ended by a GPU error (out of memory, validation, internal); the other runs, the page and the worker go on. */
  | { type: 'run-failed'; runId: RunId; message: Said }
  /** The run's model, optimiser and data order as of its latest stop, for the page to keep. */
  | { type: 'weights'; runId: RunId; checkpoint: Checkpoint }
  | { type: 'predictions'; id: number; results: RunPrediction[] }
  | { type: 'status'; id: number; status: WorkerStatus }
  /** Each request is answered once: its result, or null and why not. */
  | { type: 'inspection'; id: number; result: Inspection | null; error: Said | null }
  | { type: 'activation-curve'; id: number; curve: ActivationCurve | null; error: Said | null }
  /** `total`: how many test images the cell holds; `images`: the first `limit` of them. */
  | { type: 'cell-images'; id: number; total: number; images: CellImage[]; error: Said | null }
  | { type: 'pong' }
  | CommandReply
  /** A failure that no command is waiting for (a background read-back, a checkpoint). */
  | { type: 'error'; message: Said };
