// npm run trajectory -- [train options] --steps N --out FILE.json
// Trains N steps reading every loss and every layer's gradient norm, and writes the initial
// parameters, the first epoch's sample order, the losses and the norms, so that
// scripts/pytorch-trajectory.py can replay the same run in PyTorch and compare both.
import { writeFileSync } from 'node:fs';
import { loadMnistFromNodeModules } from '../data/mnist-node';
import { Engine } from '../tensor';
import { uploadMnist } from '../train/device-data';
import { Trainer } from '../train/trainer';
import { fail, parseArgs } from './args';
import { createBackend, isBackendName } from './backend-choice';
import { configFrom } from './train-options';

const { options } = parseArgs(process.argv.slice(2));
const steps = Number(options.get('steps') ?? 300);
const out = options.get('out') ?? 'trajectory.json';
options.delete('steps');
options.delete('out');
const backendName = options.get('backend') ?? 'webgpu';
options.delete('backend');
if (!isBackendName(backendName)) fail(`unknown backend ${backendName}`);
const config = { ...configFrom(options), lossEvery: 1 };
if (!Number.isInteger(steps) || steps < 1 || steps * config.batchSize > 60000) fail('--steps must fit in one epoch');

const backend = await createBackend(backendName);
const engine = new Engine(backend);
const trainer = new Trainer(engine, uploadMnist(engine, await loadMnistFromNodeModules()), config);
const initial = await trainer.checkpoint();
const losses: number[] = [];
const gradNorms: number[][] = [];
for (let i = 0; i < steps; i++) {
  trainer.requestNorms();
  const { loss, norms } = trainer.trainStep();
  losses.push(await loss!);
  gradNorms.push((await norms!).layers.map((l) => l.gradNorm));
}
const { order } = await trainer.checkpoint();
const parameters = initial.parameters.map((p) => Array.from(p));
writeFileSync(out, JSON.stringify({ config, parameters, order: Array.from(order), losses, gradNorms }));
console.log(`wrote ${out}: ${steps} steps on ${backend.adapter}, last loss ${losses[steps - 1]}`);
process.exit(0);
