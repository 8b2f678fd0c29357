// npm run bench:first-step [-- --reps N] [-- --tuning '{"standIns":false}'] — where the time to the
// first training step goes on Dawn (Node): on a new device each repetition, the batch-64 step of the
// UI's model from model creation to done, every pipeline's compile (asked → ready, in order of
// asking), the time until every kernel, those behind stand-ins included, is compiled, and then a
// second model's first step on the same backend (warm). Prints figures; asserts nothing.
import type { Tuning } from '../backend';
import { loadMnistFromNodeModules } from '../data/mnist-node';
import { Engine } from '../tensor';
import { DEFAULT_CONFIG } from '../train/config';
import { uploadMnist } from '../train/device-data';
import { Trainer } from '../train/trainer';
import { nodeWebGpuBackend } from './node-webgpu';

interface Compile {
  label: string;
  askedMs: number;
  readyMs: number;
}

/** Notes when each pipeline is asked for and when it is ready, relative to `clock.start`. */
function watchCompiles(device: GPUDevice, clock: { start: number }): Compile[] {
  const compiles: Compile[] = [];
  const create = device.createComputePipelineAsync.bind(device);
  device.createComputePipelineAsync = async (descriptor) => {
    const compile = { label: descriptor.label ?? '?', askedMs: performance.now() - clock.start, readyMs: NaN };
    compiles.push(compile);
    const pipeline = await create(descriptor);
    compile.readyMs = performance.now() - clock.start;
    return pipeline;
  };
  return compiles;
}

function option(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at < 0 ? undefined : process.argv[at + 1];
}

const repetitions = Number(option('--reps') ?? 3);
const tuning = JSON.parse(option('--tuning') ?? '{}') as Partial<Tuning>;
const mnist = await loadMnistFromNodeModules();
const config = { ...DEFAULT_CONFIG, batchSize: 64, epochs: 1000 };
const ms = (value: number) => `${value.toFixed(0)} ms`;

for (let r = 0; r < repetitions; r++) {
  const backend = await nodeWebGpuBackend(tuning);
  const clock = { start: 0 };
  const compiles = watchCompiles(backend.device, clock);
  const engine = new Engine(backend);
  const data = uploadMnist(engine, mnist);
  await backend.idle();
  clock.start = performance.now();
  const trainer = new Trainer(engine, data, config);
  const createdMs = performance.now() - clock.start;
  const { loss } = trainer.trainStep();
  const submittedMs = performance.now() - clock.start;
  await backend.idle();
  const firstStepMs = performance.now() - clock.start;
  await backend.compiled();
  const allCompiledMs = performance.now() - clock.start;
  await loss;
  console.log(
    `rep ${r + 1}: first step ${ms(firstStepMs)} (model made ${ms(createdMs)}, step asked for ${ms(submittedMs)}), ` +
      `every kernel compiled ${ms(allCompiledMs)}; ${compiles.length} pipelines, ${backend.counters().dispatches} dispatches`,
  );
  for (const c of compiles) console.log(`  ${ms(c.askedMs).padStart(8)} → ${ms(c.readyMs).padStart(8)}  ${ms(c.readyMs - c.askedMs).padStart(8)}  ${c.label}`);
  trainer.dispose();
  // Warm: a second model on the same backend, whose pipelines are all compiled by now.
  const warmStart = performance.now();
  const second = new Trainer(engine, data, config);
  const warmLoss = second.trainStep().loss;
  await backend.idle();
  await warmLoss;
  console.log(`  warm (a second model on this backend): first step ${ms(performance.now() - warmStart)}`);
  second.dispose();
  backend.destroy();
}
process.exit(0);
