// The bench page: scripts/bench.ts opens it in headless Chromium and calls window.runBench().
import { CpuBackend, Engine, requestWebGpuBackend, type Mnist } from '../gpu';
import { loadMnistInBrowser } from '../gpu/data/mnist-browser';
import { dispatchesPerStep, gradlabSession, gradlabTimeToFirstStep, matmulGflops, rigOf, type GradlabRig } from './gradlab';
import { measureAlternately, type Contender } from './measure';
import { measureRace, measureScopedCost } from './race';
import { measureStatsCost } from './stats';
import { MODES, TFJS_BACKENDS, type BenchOptions, type Mode, type PageResult, type Runner } from './results';
import { TFJS_DISTINCT_BATCHES, tfjsSession, tfjsTimeToFirstStep, tfjsWasmBuild, useTfjsBackend } from './tfjs';
import { startBenchWorker, WORKER_RUNNERS, type BenchWorker, type WorkerFacts } from './worker-link';

declare global {
  interface Window {
    runBench(options: BenchOptions): Promise<PageResult>;
  }
}

const MATMUL_REPEATS = 4;
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

/** Every runner at one batch size and mode, in turn, repetition by repetition. */
function contenders({ webgpu, cpu, worker, facts, mnist }: Rigs, batchSize: number, mode: Mode): Contender[] {
  const local = (name: Runner, rig: GradlabRig, warmupSteps: number): Contender => ({
    name,
    warmupSteps,
    open: async () => gradlabSession(rig, batchSize, mode),
  });
  const tfjs = TFJS_BACKENDS.map(
    (backend): Contender => ({
      name: `tfjs-${backend}`,
      warmupSteps: backend === 'cpu' ? 1 : 3,
      open: async () => {
        await useTfjsBackend(backend);
        return tfjsSession(mnist.train, batchSize, mode);
      },
    }),
  );
  const inWorker = WORKER_RUNNERS.filter((runner) => !facts.missing[runner]).map((runner) => worker.contender(runner, batchSize, mode, 3));
  return [local('gradlab-webgpu', webgpu, 3), ...inWorker, local('gradlab-cpu', cpu, 1), ...tfjs];
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
    for (const backend of TFJS_BACKENDS) push(`tfjs-${backend}`, await tfjsTimeToFirstStep(mnist.train, FIRST_STEP_BATCH, backend));
    progress(`time to first step ${r + 1}/${repetitions}: gradlab-webgpu ${Math.round(firstStepMs)} ms`);
  }
  return { timeToFirstStepMs, gradlabAllCompiledMs };
}

async function runBench({ windowMs, repetitions, batchSizes, raceOnly, statsOnly, noRace, firstStepOnly }: BenchOptions): Promise<PageResult> {
  const mnist = await loadMnistInBrowser({ baseUrl: import.meta.env.BASE_URL, cacheStorage: null });
  const backend = await requestWebGpuBackend(navigator.gpu);
  const webgpu = rigOf(new Engine(backend), mnist);
  await backend.idle();
  progress(`adapter: ${backend.adapter}`);
  const machine = { adapter: backend.adapter, userAgent: navigator.userAgent, crossOriginIsolated, threads: navigator.hardwareConcurrency };

  const raceRows = async () => ({
    race: await measureRace(webgpu.engine, webgpu.data, windowMs, progress),
    scopedCost: await measureScopedCost(webgpu.engine, webgpu.data, windowMs, progress),
  });
  const skipped = { samplesPerSec: {}, timeToFirstStepMs: {}, matmul1024Gflops: NaN, gradlabDispatchesPerStep: NaN, gradlabAllCompiledMs: [] };
  if (raceOnly || statsOnly) {
    const figures = raceOnly ? await raceRows() : { statsCost: await measureStatsCost(webgpu.engine, webgpu.data, windowMs, progress) };
    backend.destroy();
    return { ...machine, data: '', wasmBuild: '', relaxedSimd: false, auto: null, ...skipped, ...figures };
  }

  const worker = startBenchWorker();
  const facts = await worker.call('init', mnist);
  progress(`worker: ${JSON.stringify(facts)}`);
  await useTfjsBackend('wasm');
  const wasmBuild = await tfjsWasmBuild();
  const firstSteps = await timesToFirstStep(mnist, worker, repetitions);
  if (firstStepOnly) {
    worker.terminate();
    backend.destroy();
    return { ...machine, data: '', wasmBuild, relaxedSimd: facts.relaxedSimd, auto: facts.auto, ...skipped, ...firstSteps };
  }
  const matmul1024Gflops = await matmulGflops(webgpu.engine, MATMUL_REPEATS);
  progress(`matmul 1024³ ${matmul1024Gflops.toFixed(2)} GFLOP/s`);

  const rigs: Rigs = { webgpu, cpu: rigOf(new Engine(new CpuBackend('f32')), mnist), worker, facts, mnist };
  const samplesPerSec: PageResult['samplesPerSec'] = {};
  // Both modes of every runner take turns in one alternation, so that live ÷ strict is measured side by side too.
  for (const batchSize of batchSizes) {
    const all = MODES.flatMap((mode) => contenders(rigs, batchSize, mode).map((c) => ({ ...c, name: `${mode} ${c.name}` })));
    const figures = await measureAlternately(all, { windowMs, repetitions }, (text) => progress(`batch ${batchSize}: ${text}`));
    for (const [name, values] of figures) {
      const [mode, runner] = name.split(' ') as [Mode, Runner];
      ((samplesPerSec[runner] ??= {})[mode] ??= {})[batchSize] = values;
    }
  }
  const gradlabDispatchesPerStep = await dispatchesPerStep(webgpu, 1024, 20);
  rigs.cpu.engine.backend.destroy();
  worker.terminate();
  // Last, on the WebGPU device every figure above was measured on: its pipelines are compiled by now.
  const extra = noRace ? {} : { ...(await raceRows()), statsCost: await measureStatsCost(webgpu.engine, webgpu.data, windowMs, progress) };
  backend.destroy();
  return {
    ...machine,
    data: `MNIST training images (${mnist.train.count}); gradlab gathers shuffled batches on the device, TF.js cycles ${TFJS_DISTINCT_BATCHES} prebuilt batches`,
    wasmBuild,
    relaxedSimd: facts.relaxedSimd,
    auto: facts.auto,
    samplesPerSec,
    ...firstSteps,
    matmul1024Gflops,
    gradlabDispatchesPerStep,
    ...extra,
  };
}

window.runBench = runBench;
