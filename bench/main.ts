// The bench page: scripts/bench.ts opens it in headless Chromium and calls window.runBench().
import { CpuBackend, Engine, requestWebGpuBackend, type Mnist } from '../gpu';
import { loadMnistInBrowser } from '../gpu/data/mnist-browser';
import { CEILING_FLOPS_PER_ROW, ceilingSession, gradlabSession, perLiveStep, gradlabTimeToFirstStep, rigOf, type GradlabRig } from './gradlab';
import { profileLines, profileStep } from '../gpu/cli/step-profile';
import { measureAlternately, type Contender } from './measure';
import { measureRace, measureScopedCost } from './race';
import { measureStatsCost } from './stats';
import {
  LOSS_EVERY,
  MODES,
  SLOW_RUNNERS,
  SLOW_WINDOW_SHARE,
  TFJS_BACKENDS,
  TORCH_RUNNERS,
  type BenchOptions,
  type Mode,
  type PageResult,
  type Runner,
  type TorchCall,
  type TorchRunner,
} from './results';
import { TFJS_DISTINCT_BATCHES, TFJS_WASM_THREADS, tfjsSession, tfjsTimeToFirstStep, tfjsWasmBuild, tfjsWasmThreads, useTfjsBackend } from './tfjs';
import { startBenchWorker, WORKER_RUNNERS, type BenchWorker, type WorkerFacts } from './worker-link';

declare global {
  interface Window {
    runBench(options: BenchOptions): Promise<PageResult>;
    /** Native PyTorch, run by the driver between the page's turns: exposed by scripts/bench.ts where torch is installed. */
    torchCall(call: TorchCall): Promise<number>;
  }
}

/** The batch the time to first step is measured at: the smallest, as a first click trains. */
const FIRST_STEP_BATCH = 64;

/** Lines the bench script echoes while the page works. */
function progress(text: string): void {
  console.log(`[bench] ${text}`);
}

interface Rigs {
  webgpu: GradlabRig;
  cpu: GradlabRig;
  worker: BenchWorker;
  facts: WorkerFacts;
  mnist: Mnist;
}

/** The batch whose WebGPU step is set against the 1024³ matmul: that matmul takes its turns there. */
const CEILING_BATCH = 1024;

/**
 * A contender with the row its figures go in: a browser runner in one mode, PyTorch (one figure for
 * both modes), or the 1024³ matmul (rows/s of its products).
 */
type Row = Contender & ({ runner: Runner; mode: Mode } | { runner: TorchRunner; mode: null } | { runner: 'ceiling'; mode: null });

/** Every browser runner at one batch size and mode, gradlab-webgpu first. */
function browserRows({ webgpu, cpu, worker, facts, mnist }: Rigs, batchSize: number, mode: Mode, windowMs: number): Row[] {
  const row = (runner: Runner, warmupSteps: number, open: Contender['open']): Row => {
    const slow = SLOW_RUNNERS.includes(runner) ? { windowMs: windowMs * SLOW_WINDOW_SHARE, warmupSteps: 1 } : {};
    return { name: `${mode} ${runner}`, runner, mode, warmupSteps, open, ...slow };
  };
  const local = (runner: Runner, rig: GradlabRig) => row(runner, 3, async () => gradlabSession(rig, batchSize, mode));
  const tfjs = TFJS_BACKENDS.map((backend) =>
    row(`tfjs-${backend}`, 3, async () => {
      await useTfjsBackend(backend);
      return tfjsSession(mnist.train, batchSize, mode);
    }),
  );
  const inWorker = WORKER_RUNNERS.filter((runner) => !facts.missing[runner]).map((runner) => {
    const { warmupSteps, open } = worker.contender(runner, batchSize, mode, 3);
    return row(runner, warmupSteps, open);
  });
  return [local('gradlab-webgpu', webgpu), ...inWorker, local('gradlab-cpu', cpu), ...tfjs];
}

/** The PyTorch rows the driver offers, each a new model a repetition; `threadsOf` gets the threads torch reports. */
function torchRows(torchThreads: BenchOptions['torchThreads'], batchSize: number, threadsOf: PageResult['threadsOf']): Row[] {
  return TORCH_RUNNERS.flatMap((runner): Row[] => {
    const threads = torchThreads[runner];
    if (threads === undefined) return [];
    const open = async () => {
      threadsOf[runner] = await window.torchCall({ open: { batchSize, threads } });
      return { run: (steps: number) => window.torchCall({ run: steps }), close: async () => void (await window.torchCall({ close: true })) };
    };
    return [{ name: runner, runner, mode: null, warmupSteps: 3, open }];
  });
}

/** Each repetition on a backend that has compiled nothing: a new WebGPU device, a new wasm module, TF.js reset. */
async function timesToFirstStep(mnist: Mnist, worker: BenchWorker, repetitions: number) {
  const timeToFirstStepMs: PageResult['timeToFirstStepMs'] = {};
  const gradlabAllCompiledMs: number[] = [];
  const push = (runner: Runner, ms: number) => (timeToFirstStepMs[runner] ??= []).push(ms);
  for (let r = 0; r < repetitions; r++) {
    const rig = rigOf(new Engine(await requestWebGpuBackend(navigator.gpu)), mnist);
    await rig.engine.backend.idle();
    const { firstStepMs, allCompiledMs } = await gradlabTimeToFirstStep(rig, FIRST_STEP_BATCH);
    rig.engine.backend.destroy();
    push('gradlab-webgpu', firstStepMs);
    gradlabAllCompiledMs.push(allCompiledMs);
    push('gradlab-wasm-1', await worker.call('firstStep', FIRST_STEP_BATCH));
    for (const backend of TFJS_BACKENDS) {
      // Seconds each on SwiftShader and no target rests on them: the slow rows' first step is timed once.
      if (r > 0 && SLOW_RUNNERS.includes(`tfjs-${backend}`)) continue;
      push(`tfjs-${backend}`, await tfjsTimeToFirstStep(mnist.train, FIRST_STEP_BATCH, backend));
    }
    progress(`time to first step ${r + 1}/${repetitions}: gradlab-webgpu ${Math.round(firstStepMs)} ms`);
  }
  return { timeToFirstStepMs, gradlabAllCompiledMs };
}

/** The batch-1024 step one dispatch at a time beside the 1024³ matmul, after the step itself timed over 10 steps. */
async function webgpuStepProfile(rig: GradlabRig): Promise<string[]> {
  const session = gradlabSession(rig, CEILING_BATCH, 'live');
  await session.run(3);
  const start = performance.now();
  await session.run(10);
  const stepMs = (performance.now() - start) / 10;
  const reference = ceilingSession(rig.engine);
  await reference.run(1);
  const profile = await profileStep(session.trainer, 10, reference.product, () => null);
  await reference.close();
  await session.close();
  return profileLines(profile, stepMs);
}

async function runBench(options: BenchOptions): Promise<PageResult> {
  const { windowMs, repetitions, batchSizes, raceOnly, statsOnly, noRace, firstStepOnly, profileOnly, torchThreads } = options;
  const lengths = { windowMs, repetitions };
  const mnist = await loadMnistInBrowser({ baseUrl: import.meta.env.BASE_URL, cacheStorage: null });
  const backend = await requestWebGpuBackend(navigator.gpu);
  const webgpu = rigOf(new Engine(backend), mnist);
  await backend.idle();
  progress(`adapter: ${backend.adapter}`);
  const machine = { adapter: backend.adapter, userAgent: navigator.userAgent, crossOriginIsolated, threads: navigator.hardwareConcurrency };

  const raceRows = async () => ({
    race: await measureRace(webgpu.engine, webgpu.data, lengths, progress),
    scopedCost: await measureScopedCost(webgpu.engine, webgpu.data, lengths, progress),
  });
  const skipped = { samplesPerSec: {}, torchSamplesPerSec: {}, threadsOf: {}, timeToFirstStepMs: {}, matmul1024Gflops: [], gradlabDispatchesPerStep: NaN, gradlabSubmissionsPerStep: NaN, gradlabAllCompiledMs: [] };
  if (profileOnly) {
    const stepProfile = await webgpuStepProfile(webgpu);
    backend.destroy();
    return { ...machine, data: '', wasmBuild: '', relaxedSimd: false, auto: null, ...skipped, stepProfile };
  }
  if (raceOnly || statsOnly) {
    const figures = raceOnly ? await raceRows() : { statsCost: await measureStatsCost(webgpu.engine, webgpu.data, lengths, progress) };
    backend.destroy();
    return { ...machine, data: '', wasmBuild: '', relaxedSimd: false, auto: null, ...skipped, ...figures };
  }

  const worker = startBenchWorker();
  const facts = await worker.call('init', mnist);
  progress(`worker: ${JSON.stringify(facts)}`);
  const threadsOf: PageResult['threadsOf'] = { 'gradlab-wasm-1': 1, 'gradlab-cpu': 1, 'tfjs-cpu': 1 };
  if (!facts.missing['gradlab-wasm-n']) threadsOf['gradlab-wasm-n'] = facts.threads;
  for (const wasm of Object.keys(TFJS_WASM_THREADS) as (keyof typeof TFJS_WASM_THREADS)[]) {
    await useTfjsBackend(wasm);
    threadsOf[`tfjs-${wasm}`] = tfjsWasmThreads(wasm);
  }
  const wasmBuild = await tfjsWasmBuild();
  progress(`threads: ${JSON.stringify(threadsOf)}`);
  const firstSteps = await timesToFirstStep(mnist, worker, repetitions);
  if (firstStepOnly) {
    worker.terminate();
    backend.destroy();
    return { ...machine, data: '', wasmBuild, relaxedSimd: facts.relaxedSimd, auto: facts.auto, ...skipped, threadsOf, ...firstSteps };
  }
  const matmul1024Gflops: number[] = [];

  const rigs: Rigs = { webgpu, cpu: rigOf(new Engine(new CpuBackend('f32')), mnist), worker, facts, mnist };
  const samplesPerSec: PageResult['samplesPerSec'] = {};
  const torchSamplesPerSec: PageResult['torchSamplesPerSec'] = {};
  // Both modes of every runner, and PyTorch, take turns in one alternation, so that live ÷ strict and
  // browser ÷ native are each measured side by side too.
  for (const batchSize of batchSizes) {
    const ceiling: Row[] = batchSize === CEILING_BATCH ? [{ name: 'matmul 1024³', runner: 'ceiling', mode: null, warmupSteps: 1, open: async () => ceilingSession(webgpu.engine) }] : [];
    const [[liveWebgpu, ...liveRest], [strictWebgpu, ...strictRest]] = MODES.map((mode) => browserRows(rigs, batchSize, mode, windowMs));
    // The WebGPU step's two modes with the 1024³ matmul between them: each step ÷ matmul ratio sets
    // figures measured seconds apart, not most of a round (other runtimes' threads and garbage)
    // apart.
    const rows = [liveWebgpu, ...ceiling, strictWebgpu, ...liveRest, ...strictRest, ...torchRows(torchThreads, batchSize, threadsOf)];
    const figures = await measureAlternately(rows, lengths, (text) => progress(`batch ${batchSize}: ${text}`));
    for (const [row, values] of figures) {
      if (row.runner === 'ceiling') matmul1024Gflops.push(...values.map((rowsPerSec) => (rowsPerSec * CEILING_FLOPS_PER_ROW) / 1e9));
      else if (row.mode === null) (torchSamplesPerSec[row.runner] ??= {})[batchSize] = values;
      else ((samplesPerSec[row.runner] ??= {})[row.mode] ??= {})[batchSize] = values;
    }
  }
  // One read-back period: every step of it is counted, the one that reads the loss too.
  const perStep = await perLiveStep(webgpu, 1024, LOSS_EVERY);
  rigs.cpu.engine.backend.destroy();
  worker.terminate();
  // Last, on the WebGPU device every figure above was measured on: its pipelines are compiled by now.
  const extra = noRace ? {} : { ...(await raceRows()), statsCost: await measureStatsCost(webgpu.engine, webgpu.data, lengths, progress) };
  backend.destroy();
  return {
    ...machine,
    data: `MNIST training images (${mnist.train.count}); gradlab gathers shuffled batches on the device, TF.js cycles ${TFJS_DISTINCT_BATCHES} prebuilt batches`,
    wasmBuild,
    threadsOf,
    relaxedSimd: facts.relaxedSimd,
    auto: facts.auto,
    samplesPerSec,
    torchSamplesPerSec,
    ...firstSteps,
    matmul1024Gflops,
    gradlabDispatchesPerStep: perStep.dispatches,
    gradlabSubmissionsPerStep: perStep.submissions,
    ...extra,
  };
}

window.runBench = runBench;
