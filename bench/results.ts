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
/**
 * TF.js backends by the names the bench registers them under: its wasm backend twice, with the
 * threads gradlab-wasm-n gets and with one (bench/tfjs.ts).
 */
export const TFJS_BACKENDS = ['webgpu', 'wasm-n', 'wasm-1', 'cpu'] as const;
export type TfjsBackend = (typeof TFJS_BACKENDS)[number];
export const RUNNERS = [...GRADLAB_RUNNERS, 'tfjs-webgpu', 'tfjs-wasm-n', 'tfjs-wasm-1', 'tfjs-cpu'] as const;
export type Runner = (typeof RUNNERS)[number];

/**
 * Rows whose steps take up to seconds here and on whose spread no target rests: they run a share
 * of the window, after one warm-up step (their first step compiles everything they run).
 */
export const SLOW_RUNNERS: readonly Runner[] = ['gradlab-cpu', 'tfjs-webgpu', 'tfjs-cpu'];
export const SLOW_WINDOW_SHARE = 0.25;

/** mode → batch size → one figure per repetition, in the order measured; a runner measured only partly has only those keys. */
export type Repeated = Partial<Record<Mode, Record<string, number[]>>>;

/** Native PyTorch's rows, run by scripts/pytorch-bench.py on every core and on one. */
export const TORCH_RUNNERS = ['pytorch-n', 'pytorch-1'] as const;
export type TorchRunner = (typeof TORCH_RUNNERS)[number];

/**
 * What the page asks of native PyTorch, through the driver (scripts/bench-torch.ts), each answered
 * with a number: open a new model (its threads, as torch.get_num_threads() reports them), run steps
 * (the rows they trained), close it (0).
 */
export type TorchCall = { open: { batchSize: number; threads: number } } | { run: number } | { close: true };

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
  /** Only the batch-1024 WebGPU step one dispatch at a time beside the 1024³ matmul (gpu/cli/step-profile.ts). */
  profileOnly: boolean;
  /** The PyTorch rows to measure and the threads each asks for; none where there is no torch. */
  torchThreads: Partial<Record<TorchRunner, number>>;
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
  /** TF.js wasm's build: threaded SIMD needs cross-origin isolation. */
  wasmBuild: string;
  crossOriginIsolated: boolean;
  /** navigator.hardwareConcurrency: the threads of gradlab-wasm-n and tfjs-wasm-n. */
  threads: number;
  /** The threads each CPU row ran on; TF.js wasm and PyTorch as each reports its own count once started. */
  threadsOf: Partial<Record<Runner | TorchRunner, number>>;
  /** Whether the wasm rows ran the relaxed-SIMD build. */
  relaxedSimd: boolean;
  auto: AutoChoice | null;
  samplesPerSec: Partial<Record<Runner, Repeated>>;
  /**
   * Batch size → one figure per repetition, PyTorch taking its turn in the same rounds as the
   * browser's rows. Its loss read (.item()) is synchronous on the CPU: one figure serves both modes.
   */
  torchSamplesPerSec: Partial<Record<TorchRunner, Record<string, number[]>>>;
  /** From model creation to the first step done, on a backend that has compiled nothing yet; one per repetition. */
  timeToFirstStepMs: Partial<Record<Runner, number[]>>;
  /** From model creation until every gradlab kernel is compiled (the first step ran stand-ins for the slow ones). */
  gradlabAllCompiledMs: number[];
  /** 1024×1024·1024×1024 products with gradlab's matmul on WebGPU, one per repetition of the batch-1024 rounds. */
  matmul1024Gflops: number[];
  /** Of a live WebGPU step at batch 1024, counted over one read-back period. */
  gradlabDispatchesPerStep: number;
  gradlabSubmissionsPerStep: number;
  /** The race and scoped-step rows: absent from --stats-only and --no-race results. */
  race?: RaceResult;
  scopedCost?: ScopedCostResult;
  /** Absent from --race-only and --no-race results. */
  statsCost?: StatsCostResult;
  /** --profile-only: the lines of the WebGPU step's profile (gpu/cli/step-profile.ts), as printed. */
  stepProfile?: string[];
}

/** Which torch scripts/pytorch-bench.py runs, or why there are no PyTorch rows. */
export type TorchInfo = { torch: string; blas: string; referenceBlas: boolean } | { missing: string };

/** One of the targets, checked on one run: its name stays the same from run to run, its figure does not. */
export interface Target {
  name: string;
  met: boolean;
  figure: string;
}

export interface BenchResult extends PageResult {
  windowMs: number;
  repetitions: number;
  /** The executed figure step GFLOP/s are computed from: FLOPS_PER_SAMPLE. */
  flopsPerSample: number;
  pytorch: TorchInfo;
  targets: Target[];
  durationS: number;
  /** The machine's 1-minute load average at the start and the end: other work skews every figure. */
  loadAverage: [number, number];
  cores: number;
  date: string;
}

/** What one `npm run bench` prints as its last line and --save keeps: every run (--runs N), in order. */
export interface BenchRuns {
  runs: BenchResult[];
  /** Each target that every run checked, and whether it held on all of them. */
  held: { name: string; met: boolean }[];
  durationS: number;
}
