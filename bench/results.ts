// What the bench page measures and hands back to scripts/bench.ts: shared by both sides.
import { executedFlopsPerSample } from '../gpu/train/throughput';

export const BATCH_SIZES = [64, 256, 1024] as const;
/**
 * Both read the loss every LOSS_EVERY steps. live: the read is not awaited before the next step
 * (gradlab's asynchronous read; TF.js's data() promise left pending), as a page charting the loss
 * would; strict: every read is awaited before the next step.
 */
export const MODES = ['live', 'strict'] as const;
export type Mode = (typeof MODES)[number];

/** The UI's chart resolution: the loss is read back every this many steps. */
export const LOSS_EVERY = 10;

/** The UI's model, input first. */
export const LAYER_SIZES = [784, 128, 10] as const;
/** What a step of that model executes, per sample (see executedFlopsPerSample). */
export const FLOPS_PER_SAMPLE = executedFlopsPerSample(LAYER_SIZES);

export const GRADLAB_RUNNERS = ['gradlab-webgpu', 'gradlab-wasm-1', 'gradlab-wasm-n', 'gradlab-cpu', 'auto'] as const;
export const TFJS_BACKENDS = ['webgpu', 'wasm', 'cpu'] as const;
export type TfjsBackend = (typeof TFJS_BACKENDS)[number];
export const RUNNERS = [...GRADLAB_RUNNERS, 'tfjs-webgpu', 'tfjs-wasm', 'tfjs-cpu'] as const;
export type Runner = (typeof RUNNERS)[number];

/** mode → batch size → one figure per repetition, in the order measured; a runner measured only partly has only those keys. */
export type Repeated = Partial<Record<Mode, Record<string, number[]>>>;

export interface BenchOptions {
  /** Length of each timed run, after warm-up. */
  windowMs: number;
  /** Repetitions of every figure, the runners taking turns. */
  repetitions: number;
  batchSizes: number[];
  /** Only the race and scoped-step rows (the other figures are left out of the result). */
  raceOnly: boolean;
  /** Only the statistics row. */
  statsOnly: boolean;
  /** Leave the race, scoped-step and statistics rows out. */
  noRace: boolean;
  /** Only the times to first step (every runner) and until gradlab's kernels are all compiled. */
  firstStepOnly: boolean;
}

/** Four runs trained together by trainTogether against one alone, the same adapter, alternately. */
export interface RaceResult {
  activations: string[];
  batchSize: number;
  /** One repetition each, in the order measured (alone first). */
  aloneSamplesPerSec: number[];
  /** The four runs' samples/s summed. */
  togetherSamplesPerSec: number[];
}

/** One run with each step inside Backend.scoped() and without, alternately. */
export interface ScopedCostResult {
  batchSize: number;
  unscopedSamplesPerSec: number[];
  scopedSamplesPerSec: number[];
}

/** One run with its layer statistics sampled as the worker samples a watched run, and without, alternately. */
export interface StatsCostResult {
  batchSize: number;
  normsIntervalMs: number;
  probeIntervalMs: number;
  /** How often they were in fact sampled, per second of the watched run's training. */
  normsPerSec: number;
  probesPerSec: number;
  /** Each probe's time from its start to its landing (figures and weights read back). */
  probeMs: number[];
  plainSamplesPerSec: number[];
  watchedSamplesPerSec: number[];
}

/** What the page's Auto backend chose here (app/worker/backend-request.ts, run in a worker as the page runs it). */
export interface AutoChoice {
  kind: string;
  adapter: string;
  reason: string;
  /** Its trial on a software adapter, when it ran: milliseconds a step. */
  trial?: { webgpuMs: number; wasmMs: number };
}

export interface PageResult {
  adapter: string;
  userAgent: string;
  data: string;
  /** TF.js wasm's build (threaded SIMD needs cross-origin isolation) and thread count. */
  wasmBuild: string;
  crossOriginIsolated: boolean;
  /** navigator.hardwareConcurrency: the threads of gradlab-wasm-n. */
  threads: number;
  /** Whether the wasm rows ran the relaxed-SIMD build. */
  relaxedSimd: boolean;
  auto: AutoChoice | null;
  samplesPerSec: Partial<Record<Runner, Repeated>>;
  /** From model creation to the first step done, on a backend that has compiled nothing yet; one per repetition. */
  timeToFirstStepMs: Partial<Record<Runner, number[]>>;
  /** From model creation until every gradlab kernel is compiled (the first step ran stand-ins for the slow ones). */
  gradlabAllCompiledMs: number[];
  /** The best of several 1024×1024·1024×1024 products with gradlab's matmul on WebGPU. */
  matmul1024Gflops: number;
  gradlabDispatchesPerStep: number;
  /** The race and scoped-step rows: absent from --stats-only and --no-race results. */
  race?: RaceResult;
  scopedCost?: ScopedCostResult;
  /** Absent from --race-only and --no-race results. */
  statsCost?: StatsCostResult;
}

/** scripts/pytorch-bench.py's answer: samples/s by batch size, one per repetition, or why there are none. */
export type TorchResult = { torch: string; blas: string; threads: number; samplesPerSec: Record<string, number[]> } | { missing: string };

export interface BenchResult extends PageResult {
  windowMs: number;
  repetitions: number;
  /** The executed figure step GFLOP/s are computed from: FLOPS_PER_SAMPLE. */
  flopsPerSample: number;
  pytorch: TorchResult;
  durationS: number;
  /** The machine's 1-minute load average at the start and the end: other work skews every figure. */
  loadAverage: [number, number];
  cores: number;
  date: string;
}
