// npm run bench:step — the training step on Dawn (Node): dispatches and submissions a step at batch
// 64, time to the first step, and the step's executed GFLOP/s at batch 1024 against the 1024³ matmul.
// Prints figures; asserts nothing (tests/dispatches.test.ts holds the counts).
import { loadMnistFromNodeModules } from '../data/mnist-node';
import { matmul } from '../ops/matmul';
import { Engine } from '../tensor';
import { DEFAULT_CONFIG, INPUT_SIZE, CLASSES, type TrainConfig } from '../train/config';
import { uploadMnist, type DeviceData } from '../train/device-data';
import { executedFlopsPerSample } from '../train/throughput';
import { Trainer } from '../train/trainer';
import { nodeWebGpuBackend } from './node-webgpu';

const config = (hidden: number[], batchSize: number): TrainConfig => ({
  ...DEFAULT_CONFIG,
  hidden,
  batchSize,
  epochs: 1000,
  lossEvery: Number.MAX_SAFE_INTEGER,
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
  await settled(engine, trainer, steps);
  const after = engine.backend.counters();
  trainer.dispose();
  const label = hidden.join('-');
  const dispatches = (after.dispatches - before.dispatches) / steps;
  const submissions = (after.submissions - before.submissions) / steps;
  console.log(`784-${label}-10 batch 64: ${dispatches} dispatches, ${submissions} submissions a step`);
}

async function stepGflops(engine: Engine, data: DeviceData, hidden: number[], batch: number) {
  const trainer = new Trainer(engine, data, config(hidden, batch));
  await settled(engine, trainer, 3);
  const times: number[] = [];
  for (let r = 0; r < 3; r++) {
    const start = performance.now();
    await settled(engine, trainer, 10);
    times.push((performance.now() - start) / 10);
  }
  trainer.dispose();
  const ms = times.sort((a, b) => a - b)[1];
  return (batch * executedFlopsPerSample([INPUT_SIZE, ...hidden, CLASSES])) / ms / 1e6;
}

async function matmulGflops(engine: Engine) {
  const values = Float32Array.from({ length: 1024 * 1024 }, (_, i) => ((i * 7919) % 2003) / 1001 - 1);
  const a = engine.tensor([1024, 1024], values);
  const multiply = () => engine.tidy(() => void matmul(a, a));
  multiply();
  await engine.backend.compiled();
  await engine.backend.idle();
  let best = Infinity;
  for (let r = 0; r < 3; r++) {
    const start = performance.now();
    multiply();
    await engine.backend.idle();
    best = Math.min(best, performance.now() - start);
  }
  engine.dispose(a);
  return (2 * 1024 ** 3) / best / 1e6;
}

const backend = await nodeWebGpuBackend();
const engine = new Engine(backend);
const data = uploadMnist(engine, await loadMnistFromNodeModules());
console.log(`adapter: ${backend.adapter}`);
await backend.idle();
const start = performance.now();
const first = new Trainer(engine, data, config([128], 64));
first.trainStep();
await backend.idle();
const firstMs = performance.now() - start;
await backend.compiled();
console.log(`time to first step: ${firstMs.toFixed(0)} ms (every kernel compiled: ${(performance.now() - start).toFixed(0)} ms)`);
first.dispose();
await perStep(engine, data, [128]);
await perStep(engine, data, [256, 128]);
const step = await stepGflops(engine, data, [128], 1024);
const peak = await matmulGflops(engine);
console.log(`batch 1024 step: ${step.toFixed(2)} executed GFLOP/s; 1024³ matmul ${peak.toFixed(2)} GFLOP/s; ratio ${(step / peak).toFixed(3)}`);
backend.destroy();
process.exit(0);
