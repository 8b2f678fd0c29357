// npm run bench:step [-- --batches 64,256,1024] [-- --reps 3] [-- --window-ms 1500] [-- --profile]:
// the training step on Dawn (Node). Dispatches and submissions a step at batch 64 (the time to first
// step is bench:first-step's), then per batch size the step's executed GFLOP/s, loss read every 10 steps without waiting
// (live) and awaited (strict), the two modes and the 1024³ matmul taking turns, median [min–max].
// --profile adds the batch-1024 step one dispatch at a time beside the 1024³ matmul (see
// step-profile.ts). Prints figures and, last, one line of JSON; asserts nothing
// (tests/dispatches.test.ts holds the counts).
import { loadMnistFromNodeModules } from '../data/mnist-node';
import { matmul } from '../ops/matmul';
import { Engine } from '../tensor';
import { DEFAULT_CONFIG, INPUT_SIZE, CLASSES, type TrainConfig } from '../train/config';
import { uploadMnist, type DeviceData } from '../train/device-data';
import { executedFlopsPerSample } from '../train/throughput';
import { Trainer } from '../train/trainer';
import { fail, parseArgs } from './args';
import { nodeWebGpuBackend } from './node-webgpu';
import { profileLines, profileStep } from './step-profile';
import { workerCpuMs } from './worker-cpu';

const LOSS_EVERY = 10;
const MODES = ['live', 'strict'] as const;

const config = (hidden: number[], batchSize: number, lossEvery = Number.MAX_SAFE_INTEGER): TrainConfig => ({
  ...DEFAULT_CONFIG,
  hidden,
  batchSize,
  epochs: 1000,
  lossEvery,
});

async function settled(engine: Engine, trainer: Trainer, steps: number) {
  for (let i = 0; i < steps; i++) trainer.trainStep();
  await engine.backend.idle();
  await engine.backend.compiled();
}

async function perStep(engine: Engine, data: DeviceData, hidden: number[]) {
  const trainer = new Trainer(engine, data, config(hidden, 64));
  await settled(engine, trainer, 3);
  const before = engine.backend.counters();
  const steps = 20;
  // Through the training loop, which submits the steps that read nothing back a few at a time.
  await loopMs(trainer, steps, 'live');
  const after = engine.backend.counters();
  trainer.dispose();
  const dispatches = (after.dispatches - before.dispatches) / steps;
  const submissions = (after.submissions - before.submissions) / steps;
  console.log(`784-${hidden.join('-')}-10 batch 64: ${dispatches} dispatches, ${submissions} submissions a step`);
  return dispatches;
}

/** Milliseconds for `steps` steps of the training loop, as the page runs it, until the device is done. */
async function loopMs(trainer: Trainer, steps: number, mode: (typeof MODES)[number]) {
  const start = performance.now();
  const losses: Promise<number>[] = [];
  let taken = 0;
  for await (const step of trainer.steps()) {
    if (step.loss && mode === 'strict') await step.loss;
    else if (step.loss) losses.push(step.loss);
    if (++taken === steps) break;
  }
  await Promise.all(losses);
  await trainer.engine.backend.idle();
  return performance.now() - start;
}

const matmulInput = (engine: Engine) =>
  engine.tensor([1024, 1024], Float32Array.from({ length: 1024 * 1024 }, (_, i) => ((i * 7919) % 2003) / 1001 - 1));

async function matmulMs(engine: Engine) {
  const a = matmulInput(engine);
  const start = performance.now();
  engine.tidy(() => void matmul(a, a));
  await engine.backend.idle();
  engine.dispose(a);
  return performance.now() - start;
}

const spread = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)], min: sorted[0], max: sorted[sorted.length - 1] };
};
const text = ({ median, min, max }: ReturnType<typeof spread>) => `${median.toFixed(2)} [${min.toFixed(2)}–${max.toFixed(2)}]`;

/** GFLOP/s of the step in each mode and of the 1024³ matmul, all taking turns `reps` times. */
async function stepGflops(engine: Engine, data: DeviceData, batch: number, reps: number, windowMs: number) {
  const hidden = [128];
  const flops = batch * executedFlopsPerSample([INPUT_SIZE, ...hidden, CLASSES]);
  const trainer = new Trainer(engine, data, config(hidden, batch, LOSS_EVERY));
  await loopMs(trainer, 2 * LOSS_EVERY, 'live');
  await engine.backend.compiled();
  await matmulMs(engine);
  const probe = await loopMs(trainer, LOSS_EVERY, 'live');
  const steps = Math.max(LOSS_EVERY, Math.round((windowMs * LOSS_EVERY) / probe / LOSS_EVERY) * LOSS_EVERY);
  const figures = { live: [] as number[], strict: [] as number[], matmul: [] as number[] };
  for (let r = 0; r < reps; r++) {
    for (const mode of MODES) figures[mode].push((flops * steps) / (await loopMs(trainer, steps, mode)) / 1e6);
    figures.matmul.push((2 * 1024 ** 3) / (await matmulMs(engine)) / 1e6);
  }
  const ratios = MODES.map((mode) => spread(figures[mode].map((g, i) => g / figures.matmul[i])));
  console.log(
    `batch ${batch} (${steps} steps a run): live ${text(spread(figures.live))}, strict ${text(spread(figures.strict))} ` +
      `executed GFLOP/s; 1024³ matmul ${text(spread(figures.matmul))}; step ÷ matmul live ${text(ratios[0])}, strict ${text(ratios[1])}`,
  );
  return { trainer, figures };
}

const { options } = parseArgs(process.argv.slice(2));
const batches = (options.get('batches') ?? '1024').split(',').map(Number);
const reps = Number(options.get('reps') ?? 3);
const windowMs = Number(options.get('window-ms') ?? 1500);
if (batches.some((b) => !Number.isInteger(b) || b < 1)) fail(`--batches needs whole numbers ≥ 1 separated by commas, not ${options.get('batches')}`);
if (!Number.isInteger(reps) || reps < 1) fail(`--reps needs a whole number ≥ 1, not ${options.get('reps')}`);
if (!(windowMs > 0)) fail('--window-ms needs a positive number of milliseconds');

const backend = await nodeWebGpuBackend();
const engine = new Engine(backend);
const data = uploadMnist(engine, await loadMnistFromNodeModules());
console.log(`adapter: ${backend.adapter}`);
await backend.idle();
// Every kernel compiled first: what follows times steps, not compiles.
const first = new Trainer(engine, data, config([128], 64));
first.trainStep();
await backend.compiled();
first.dispose();
const dispatches = [await perStep(engine, data, [128]), await perStep(engine, data, [256, 128])];
const results: Record<number, Record<string, number[]>> = {};
for (const batch of batches) {
  const { trainer, figures } = await stepGflops(engine, data, batch, reps, windowMs);
  results[batch] = figures;
  if (options.has('profile') && batch === 1024) {
    console.log('its dispatches and the 1024³ matmul, each alone (median of 3 loops of 10, taking turns):');
    const stepMs = (batch * executedFlopsPerSample([INPUT_SIZE, 128, CLASSES])) / spread(figures.strict).median / 1e6;
    const a = matmulInput(engine);
    const profile = await profileStep(trainer, 10, () => engine.tidy(() => void matmul(a, a)), workerCpuMs);
    engine.dispose(a);
    for (const line of profileLines(profile, stepMs)) console.log(line);
  }
  trainer.dispose();
}
console.log(JSON.stringify({ dispatches, results }));
backend.destroy();
process.exit(0);
