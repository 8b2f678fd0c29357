// The bench page: scripts/bench.ts opens it in headless Chromium and calls window.runBench().
import { CpuBackend, Engine, requestWebGpuBackend, uploadMnist } from '../gpu';
import { loadMnistInBrowser } from '../gpu/data/mnist-browser';
import { KERNELS_URL } from '../gpu/wasm/kernels-url';
import { WasmBackend } from '../gpu/wasm/wasm-backend';
import { gradlabSession, gradlabTimeToFirstStep, matmulGflops } from './gradlab';
import { measureThroughput, type RunSteps } from './measure';
import { measureRace, measureScopedCost } from './race';
import { measureStatsCost } from './stats';
import { BATCH_SIZES, MODES, TFJS_BACKENDS, type BenchOptions, type Mode, type PageResult, type Runner } from './results';
import { TFJS_DISTINCT_BATCHES, tfjsSession, tfjsTimeToFirstStep, tfjsWasmBuild, useTfjsBackend } from './tfjs';

declare global {
  interface Window {
    runBench(options: BenchOptions): Promise<PageResult>;
  }
}

const MATMUL_REPEATS = 4;

/** Lines the bench script echoes while the page works. */
function progress(text: string): void {
  console.log(`[bench] ${text}`);
}

async function runBench({ windowMs, raceOnly, statsOnly }: BenchOptions): Promise<PageResult> {
  const mnist = await loadMnistInBrowser({ baseUrl: import.meta.env.BASE_URL, cacheStorage: null });
  const backend = await requestWebGpuBackend(navigator.gpu);
  const engine = new Engine(backend);
  const data = uploadMnist(engine, mnist);
  await backend.idle();
  progress(`adapter: ${backend.adapter}`);

  const samplesPerSec: PageResult['samplesPerSec'] = {};
  const timeToFirstStepMs: PageResult['timeToFirstStepMs'] = {};
  let gradlabDispatchesPerStep = 0;

  const record = async (runner: Runner, mode: Mode, batchSize: number, run: RunSteps) => {
    const warmupSteps = runner.endsWith('cpu') ? 1 : 3;
    const result = await measureThroughput(run, { warmupSteps, windowMs, mode });
    const byMode = (samplesPerSec[runner] ??= {});
    (byMode[mode] ??= {})[batchSize] = result.samplesPerSec;
    progress(`${runner} ${mode} batch ${batchSize}: ${Math.round(result.samplesPerSec)} samples/s (${result.steps} steps in ${Math.round(result.ms)} ms)`);
  };

  const measureRaceRows = async () => ({
    race: await measureRace(engine, data, windowMs, progress),
    scopedCost: await measureScopedCost(engine, data, windowMs, progress),
  });
  if (raceOnly || statsOnly) {
    const figures = raceOnly ? await measureRaceRows() : { statsCost: await measureStatsCost(engine, data, windowMs, progress) };
    backend.destroy();
    const skipped = { samplesPerSec, timeToFirstStepMs, matmul1024Gflops: NaN, gradlabDispatchesPerStep: NaN, gradlabAllCompiledMs: NaN };
    return { adapter: backend.adapter, userAgent: navigator.userAgent, data: '', wasmBuild: '', ...skipped, ...figures };
  }

  const { firstStepMs, allCompiledMs } = await gradlabTimeToFirstStep(engine, data, BATCH_SIZES[0]);
  timeToFirstStepMs['gradlab-webgpu'] = firstStepMs;
  const matmul1024Gflops = await matmulGflops(engine, MATMUL_REPEATS);
  progress(`gradlab time to first step ${Math.round(timeToFirstStepMs['gradlab-webgpu'])} ms; matmul 1024³ ${matmul1024Gflops.toFixed(2)} GFLOP/s`);

  let wasmBuild = '';
  for (const backendName of TFJS_BACKENDS) {
    await useTfjsBackend(backendName);
    if (backendName === 'wasm') wasmBuild = await tfjsWasmBuild();
    timeToFirstStepMs[`tfjs-${backendName}`] = await tfjsTimeToFirstStep(mnist.train, BATCH_SIZES[0]);
  }

  // Frameworks alternate within each batch size, so that load changing over the run biases no ratio much.
  for (const batchSize of BATCH_SIZES) {
    for (const mode of MODES) {
      const { run, trainer } = gradlabSession(engine, data, batchSize, mode);
      const before = backend.counters().dispatches;
      const stepBefore = trainer.step;
      await record('gradlab-webgpu', mode, batchSize, run);
      if (batchSize === 1024 && mode === 'throughput') {
        gradlabDispatchesPerStep = (backend.counters().dispatches - before) / (trainer.step - stepBefore);
      }
      trainer.dispose();
    }
    for (const backendName of TFJS_BACKENDS) {
      await useTfjsBackend(backendName);
      for (const mode of MODES) {
        const session = tfjsSession(mnist.train, batchSize, mode);
        await record(`tfjs-${backendName}`, mode, batchSize, session.run);
        session.dispose();
      }
    }
  }

  // One thread: the backend has no workers yet.
  const wasmEngine = new Engine(await WasmBackend.fromBytes(await (await fetch(KERNELS_URL)).arrayBuffer()));
  const wasmData = uploadMnist(wasmEngine, mnist);
  for (const batchSize of BATCH_SIZES) {
    const session = gradlabSession(wasmEngine, wasmData, batchSize, 'throughput');
    await record('gradlab-wasm', 'throughput', batchSize, session.run);
    session.trainer.dispose();
  }
  wasmEngine.backend.destroy();

  const cpuEngine = new Engine(new CpuBackend('f32'));
  const cpu = gradlabSession(cpuEngine, uploadMnist(cpuEngine, mnist), 1024, 'throughput');
  await record('gradlab-cpu', 'throughput', 1024, cpu.run);
  cpu.trainer.dispose();
  cpuEngine.backend.destroy();
  // Last, on the WebGPU device every figure above was measured on: its pipelines are compiled by now.
  const raceFigures = await measureRaceRows();
  const statsCost = await measureStatsCost(engine, data, windowMs, progress);

  const adapter = backend.adapter;
  backend.destroy();
  return {
    adapter,
    userAgent: navigator.userAgent,
    data: `MNIST training images (${mnist.train.count}); gradlab gathers shuffled batches on the device, TF.js cycles ${TFJS_DISTINCT_BATCHES} prebuilt batches`,
    wasmBuild,
    samplesPerSec,
    timeToFirstStepMs,
    matmul1024Gflops,
    gradlabDispatchesPerStep,
    gradlabAllCompiledMs: allCompiledMs,
    ...raceFigures,
    statsCost,
  };
}

window.runBench = runBench;
