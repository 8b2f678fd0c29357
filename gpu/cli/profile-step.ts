// npm run profile:step -- --backend wasm --threads 2 --batch 1024 --steps 30
// The training step of the default model on a backend whose kernels run synchronously (wasm, cpu),
// kernel by kernel: each kernel's milliseconds a step (its calls timed where the backend runs
// them), the matmuls' GFLOP/s, and what the step spends outside kernels. Then samples/s over the
// same steps, the loss read every 10 steps as the bench reads it. Prints figures; asserts nothing.
import type { Backend } from '../backend';
import { loadMnistFromNodeModules } from '../data/mnist-node';
import { Engine } from '../tensor';
import { DEFAULT_CONFIG } from '../train/config';
import { uploadMnist } from '../train/device-data';
import { Trainer } from '../train/trainer';
import { fail, parseArgs } from './args';
import { createBackend, isBackendName, threadsOption } from './backend-choice';

interface Tally {
  calls: number;
  ms: number;
  flops: number;
}

/** Times every kernel `backend` runs from now on, by kernel name and shape, into `tallies`. */
function timeKernels(backend: Backend, tallies: Map<string, Tally>): void {
  const run = backend.run.bind(backend);
  backend.run = (kernel, params, buffers) => {
    const start = performance.now();
    run(kernel, params, buffers);
    const ms = performance.now() - start;
    const { M, N, K } = params as Record<string, number>;
    const shaped = K === undefined ? kernel.name : `${kernel.name} ${M}×${K}·${K}×${N}`;
    const tally = tallies.get(shaped) ?? { calls: 0, ms: 0, flops: K === undefined ? 0 : 2 * M * N * K };
    tally.calls++;
    tally.ms += ms;
    tallies.set(shaped, tally);
  };
}

const { options } = parseArgs(process.argv.slice(2));
const name = options.get('backend') ?? 'wasm';
if (!isBackendName(name) || name === 'webgpu') fail('--backend must be wasm, cpu or cpu64: a WebGPU kernel is not done when run() returns');
const threads = threadsOption(options, name);
if (typeof threads === 'string') fail(threads);
const batchSize = Number(options.get('batch') ?? 1024);
const steps = Number(options.get('steps') ?? 30);
if (!Number.isInteger(batchSize) || batchSize < 1) fail(`--batch must be a whole number ≥ 1, got "${options.get('batch')}"`);
if (!Number.isInteger(steps) || steps < 1) fail(`--steps must be a whole number ≥ 1, got "${options.get('steps')}"`);

const backend = await createBackend(name, threads);
const engine = new Engine(backend);
const data = uploadMnist(engine, await loadMnistFromNodeModules());
const trainer = new Trainer(engine, data, { ...DEFAULT_CONFIG, batchSize, epochs: 1000 });
for (let i = 0; i < 3; i++) trainer.trainStep();

const tallies = new Map<string, Tally>();
const plainRun = backend.run;
timeKernels(backend, tallies);
let start = performance.now();
for (let i = 0; i < steps; i++) trainer.trainStep();
const profiledMs = (performance.now() - start) / steps;
backend.run = plainRun;

start = performance.now();
let rows = 0;
const reads: Promise<number>[] = [];
for (let i = 0; i < steps; i++) {
  const step = trainer.trainStep();
  rows += step.rows;
  if (step.loss) reads.push(step.loss);
}
await Promise.all(reads);
const plainMs = performance.now() - start;

console.log(`${backend.adapter}, batch ${batchSize}, ${steps} steps`);
let kernelsMs = 0;
for (const [shaped, { calls, ms, flops }] of [...tallies].sort((a, b) => b[1].ms - a[1].ms)) {
  const perStep = ms / steps;
  kernelsMs += perStep;
  const rate = flops > 0 ? `  ${((flops * calls) / ms / 1e6).toFixed(1).padStart(6)} GFLOP/s` : '';
  console.log(`${shaped.padEnd(44)} ${(calls / steps).toFixed(1).padStart(4)}×  ${perStep.toFixed(3).padStart(8)} ms${rate}`);
}
console.log(`${'outside kernels'.padEnd(50)} ${(profiledMs - kernelsMs).toFixed(3).padStart(8)} ms`);
console.log(`step (profiled) ${profiledMs.toFixed(2)} ms; unprofiled ${((plainMs / steps)).toFixed(2)} ms: ${Math.round((rows / plainMs) * 1000)} samples/s`);
trainer.dispose();
backend.destroy();
process.exit(0);
