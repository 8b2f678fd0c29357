// What the bench page measures and hands back to scripts/bench.ts: shared by both sides.

export const BATCH_SIZES = [64, 256, 1024] as const;
export const MODES = ['throughput', 'live'] as const;
export type Mode = (typeof MODES)[number];

/** The UI's chart resolution: live mode reads the loss back every this many steps. */
export const LOSS_EVERY = 10;

/** Forward and backward of the 784-128-10 MLP: three matmul-sized products per layer, 2 FLOPs a multiply-add. */
export const FLOPS_PER_SAMPLE = 3 * 2 * (784 * 128 + 128 * 10);

export const RUNNERS = ['gradlab-webgpu', 'gradlab-wasm', 'gradlab-cpu', 'tfjs-webgpu', 'tfjs-wasm', 'tfjs-cpu'] as const;
export type Runner = (typeof RUNNERS)[number];
export const TFJS_BACKENDS = ['webgpu', 'wasm', 'cpu'] as const;
export type TfjsBackend = (typeof TFJS_BACKENDS)[number];

/** mode → batch size → value; a runner measured only partly has only those keys. */
export type ByModeAndBatch = Partial<Record<Mode, Record<string, number>>>;

export interface BenchOptions {
  /** Length of each timed window, after warm-up and calibration. */
  windowMs: number;
  /** Only the race and scoped-step rows (the other figures are left out of the result). */
  raceOnly: boolean;
  /** Only the statistics row. */
  statsOnly: boolean;
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

export interface PageResult {
  adapter: string;
  userAgent: string;
  data: string;
  /** TF.js wasm's build (threaded SIMD needs cross-origin isolation) and thread count. */
  wasmBuild: string;
  samplesPerSec: Partial<Record<Runner, ByModeAndBatch>>;
  /** From model creation to the first step done, on a backend that has compiled nothing yet. */
  timeToFirstStepMs: Partial<Record<Runner, number>>;
  /** From model creation until every gradlab kernel is compiled (the first step ran stand-ins for the slow ones). */
  gradlabAllCompiledMs: number;
  /** The best of several 1024×1024·1024×1024 products with gradlab's matmul on WebGPU. */
  matmul1024Gflops: number;
  gradlabDispatchesPerStep: number;
  /** The race and scoped-step rows: absent from --stats-only results. */
  race?: RaceResult;
  scopedCost?: ScopedCostResult;
  /** Absent from results saved before it existed, and from --race-only ones. */
  statsCost?: StatsCostResult;
}

export interface BenchResult extends PageResult {
  windowMs: number;
  /** The nominal figure step GFLOP/s are computed from: FLOPS_PER_SAMPLE. */
  flopsPerSample: number;
  stepGflops: ByModeAndBatch;
  stepFractionOfMatmul: ByModeAndBatch;
  /** gradlab-webgpu samples/s over TF.js's, by TF.js backend, mode and batch. */
  ratios: Record<TfjsBackend, ByModeAndBatch>;
  gradlabCpuOverTfjsCpuAt1024: number;
  durationS: number;
  /** The machine's 1-minute load average at the start and the end: other work skews every figure. */
  loadAverage: [number, number];
  cores: number;
}
