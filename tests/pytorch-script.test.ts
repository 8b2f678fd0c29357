// The PyTorch script gradlab writes (gpu/io/pytorch-template.py filled by gpu/io/pytorch-script.ts), run
// with Debian's PyTorch: its settings are the run's, its parts compute what gradlab's do, one epoch of
// the default run reaches PyTorch's reference accuracy, two Gloo ranks end with the same weights, and
// the weights it saves load back, into itself and into gradlab.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import template from '../gpu/io/pytorch-template.py?raw';
import { pytorchScript, pytorchSettings, templateSettings } from '../gpu/io/pytorch-script';
import { exportModel, importModel } from '../gpu/io/model-file';
import { loadMnistFromNodeModules, mnistDataDir } from '../gpu/data/mnist-node';
import { ACTIVATIONS, activationAttrs, type ActivationName } from '../gpu/ops/activation';
import { Optimizer, OPTIMIZER_NAMES } from '../gpu/optim/optimizers';
import { Random } from '../gpu/nn/random';
import { DEFAULT_CONFIG, type TrainConfig } from '../gpu/train/config';
import { uploadMnist } from '../gpu/train/device-data';
import { Trainer } from '../gpu/train/trainer';
import { REFERENCE, WEBGPU, engineOn } from './backends';
import { expectClose } from './helpers';

// Debian's Python, which has python3-torch; another python3 may come first on PATH.
const PYTHON = '/usr/bin/python3';
// One thread a process, on the CPU: the tests share a 2-core machine, and their numbers are the CPU's.
const ENV = { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1', MKL_NUM_THREADS: '1', CUDA_VISIBLE_DEVICES: '' };
const dir = mkdtempSync(join(tmpdir(), 'gradlab-pytorch-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

function python(args: string[], options: { env?: Record<string, string>; input?: string } = {}): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(PYTHON, args, { env: { ...ENV, ...options.env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

/** The script for `changes` to the defaults, written to the test's folder. */
function scriptFile(name: string, changes: Partial<TrainConfig> = {}): string {
  const path = join(dir, name);
  writeFileSync(path, pytorchScript({ ...DEFAULT_CONFIG, ...changes }));
  return path;
}

interface Summary {
  test_accuracy: number;
  correct: number;
  epochs_trained: number;
  step: number;
  world_size: number;
}

/** The JSON of a script's last line of output: its summary. */
const summaryOf = (ran: Ran) => JSON.parse(ran.stdout.trim().split('\n').at(-1)!) as Summary;

/** Runs a script on the MNIST files, to its summary. */
async function train(script: string, args: string[]): Promise<{ ran: Ran; summary: Summary }> {
  const ran = await python([script, '--data', mnistDataDir(), ...args]);
  expect(ran.code, ran.stderr).toBe(0);
  return { ran, summary: summaryOf(ran) };
}

describe('the PyTorch script', () => {
  it("starts from the template, whose own SETTINGS are gradlab's defaults", () => {
    expect(templateSettings()).toEqual(pytorchSettings(DEFAULT_CONFIG));
  });

  it("holds the run's settings and, outside that block, the template unchanged", () => {
    const config: TrainConfig = {
      ...DEFAULT_CONFIG,
      hidden: [256, 64],
      activation: 'leaky_relu',
      activationAlpha: 0.25,
      loss: 'bce',
      optimizer: 'momentum',
      lr: 0.05,
      momentum: 0.8,
      weightDecay: 1e-4,
      batchSize: 100,
      epochs: 7,
      seed: 42,
      normalize: 'unit',
    };
    const script = pytorchScript(config);
    const block = /^SETTINGS = (\{\n[^]*?\n\})$/m;
    expect(JSON.parse(block.exec(script)![1])).toEqual({ ...pytorchSettings(config), leakySlope: 0.25, eluAlpha: 1, mean: 0, std: 1 });
    expect(script.replace(block, '')).toBe(template.replace(block, ''));
  });

  it('refuses a configuration that could not train, naming the problem', () => {
    expect(() => pytorchScript({ ...DEFAULT_CONFIG, lr: -1 })).toThrow('learning rate must be a positive number');
    expect(() => pytorchScript({ ...DEFAULT_CONFIG, hidden: [0] })).toThrow('hidden layers must be positive whole numbers');
  });

  it('is what `npm run export-pytorch` writes for the same flags, and a bad flag is named', () => {
    const out = join(dir, 'exported.py');
    const cli = (args: string[]) => spawnSync('node_modules/.bin/vite-node', ['gpu/cli/export-pytorch.ts', '--', ...args], { encoding: 'utf8' });
    const wrote = cli(['--hidden', '32,16', '--activation', 'softplus', '--optimizer', 'sgd', '--lr', '0.1', '--out', out]);
    expect(wrote.status, wrote.stderr).toBe(0);
    const config: TrainConfig = { ...DEFAULT_CONFIG, hidden: [32, 16], activation: 'softplus', optimizer: 'sgd', lr: 0.1 };
    expect(readFileSync(out, 'utf8')).toBe(pytorchScript(config));
    const refused = cli(['--lr', 'fast']);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('--lr must be a number, got "fast"');
    expect(refused.stdout).toBe('');
  });

  it("computes gradlab's activations, losses and optimiser steps (float64, against the engine's)", async () => {
    const xs = Array.from({ length: 41 }, (_, i) => (i - 20) / 4);
    const random = new Random(3);
    const logits = Array.from({ length: 4 }, () => Array.from({ length: 10 }, () => random.uniform(-3, 3)));
    const labels = [0, 3, 9, 5];
    const settings = { lr: 0.05, momentum: 0.8, weightDecay: 0.01 };
    const initial = Array.from({ length: 13 }, () => random.uniform(-1, 1));
    const grads = [0, 1, 2].map(() => initial.map(() => random.uniform(-2, 2)));
    const ran = await python(['tests/fixtures/pytorch_script_probe.py', scriptFile('probe.py')], {
      input: JSON.stringify({ xs, logits, labels, optimizer: { settings, initial, grads } }),
    });
    expect(ran.code, ran.stderr).toBe(0);
    const got = JSON.parse(ran.stdout) as {
      activations: Record<ActivationName, number[]>;
      losses: Record<string, number>;
      optimizers: Record<string, number[]>;
    };

    expect(Object.keys(got.activations).sort()).toEqual(Object.keys(ACTIVATIONS).sort());
    for (const [name, values] of Object.entries(got.activations) as [ActivationName, number[]][]) {
      const attrs = activationAttrs(name);
      const f = ACTIVATIONS[name].f as (x: number, a: typeof attrs) => number;
      expectClose(values, xs.map((x) => f(x, attrs)), 1e-12, 1e-10, name);
    }

    // The losses from their definitions, in float64: mean over the batch for cross-entropy, over all B×10 terms otherwise.
    const softmax = (z: number[]) => z.map((v) => Math.exp(v) / z.reduce((s, w) => s + Math.exp(w), 0));
    const mean = (terms: number[]) => terms.reduce((s, v) => s + v, 0) / terms.length;
    const hot = (label: number) => Array.from({ length: 10 }, (_, k) => (k === label ? 1 : 0));
    const want = {
      'cross-entropy': mean(logits.map((z, i) => -Math.log(softmax(z)[labels[i]]))),
      mse: mean(logits.flatMap((z, i) => softmax(z).map((p, k) => (p - hot(labels[i])[k]) ** 2))),
      bce: mean(logits.flatMap((z, i) => z.map((v, k) => Math.max(v, 0) - v * hot(labels[i])[k] + Math.log1p(Math.exp(-Math.abs(v)))))),
    };
    expectClose(Object.values(got.losses), Object.values(want), 1e-12, 1e-10, 'losses');

    const engine = await engineOn(REFERENCE);
    for (const name of OPTIMIZER_NAMES) {
      const param = engine.tensor([initial.length], initial, { requiresGrad: true });
      const optimizer = new Optimizer(engine, [param], { name, ...settings });
      for (const g of grads) {
        param.grad = engine.tensor([initial.length], g);
        optimizer.step();
      }
      expectClose(got.optimizers[name], Array.from(await param.read()), 1e-12, 1e-10, `${name} after three steps`);
    }
    engine.backend.destroy();
  });

  it("builds Leaky ReLU and ELU with the run's parameter: nn.LeakyReLU(negative_slope=…), nn.ELU(alpha=…)", async () => {
    const xs = Array.from({ length: 25 }, (_, i) => (i - 12) / 2);
    for (const [activation, activationAlpha] of [['leaky_relu', 0.2], ['elu', 0.5]] as const) {
      const script = scriptFile(`probe-${activation}.py`, { activation, activationAlpha });
      const ran = await python(['tests/fixtures/pytorch_script_probe.py', script], {
        input: JSON.stringify({ xs, logits: [[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]], labels: [3], optimizer: { settings: {}, initial: [1], grads: [[1]] } }),
      });
      expect(ran.code, ran.stderr).toBe(0);
      const got = (JSON.parse(ran.stdout) as { activations: Record<ActivationName, number[]> }).activations[activation];
      const f = ACTIVATIONS[activation].f as (x: number, a: ReturnType<typeof activationAttrs>) => number;
      expectClose(got, xs.map((x) => f(x, activationAttrs(activation, { alpha: activationAlpha }))), 1e-12, 1e-10, `${activation} ${activationAlpha}`);
      expect(got[0], 'not the default parameter').not.toBeCloseTo(f(xs[0], activationAttrs(activation)), 3);
    }
  });

  it('names a missing data folder and stops', async () => {
    const ran = await python([scriptFile('default.py'), '--data', join(dir, 'nowhere'), '--epochs', '0']);
    expect(ran.code).toBe(2);
    expect(ran.stderr).toContain(`error: ${join(dir, 'nowhere', 'train-images-idx3-ubyte')} not found`);
  });

  // shared/reference/pytorch-mnist.md §3, input (x/255 − 0.1307)/0.3081 (gradlab's default "standard"):
  // ReLU, cross-entropy, Adam lr 1e-3, batch 128, 784-128-10, 95.39 % after epoch 1 (seed 0).
  it("one epoch of the default run reaches PyTorch's reference accuracy, 95.39 %, within a point", async () => {
    const { ran, summary } = await train(scriptFile('default.py'), ['--epochs', '1']);
    expect(ran.stdout).toMatch(/^epoch 1: test accuracy \d+\.\d\d %/m);
    expect(summary).toMatchObject({ epochs_trained: 1, step: Math.ceil(60000 / 128), world_size: 1 });
    expect(Math.abs(summary.test_accuracy * 100 - 95.39)).toBeLessThanOrEqual(1);
  });

  it('saves weights that --load with --epochs 0 scores the same, and that gradlab imports', async () => {
    const config = { hidden: [64, 32], activation: 'elu', loss: 'bce', optimizer: 'adam', lr: 0.003, normalize: 'symmetric' } as const;
    const script = scriptFile('two-layers.py', { ...config, hidden: [...config.hidden] });
    const saved = join(dir, 'two-layers.safetensors');
    const trained = await train(script, ['--epochs', '1', '--limit', '2000', '--save', saved]);
    const loaded = await train(script, ['--epochs', '0', '--load', saved]);
    expect(loaded.ran.stdout).toMatch(/^test accuracy \d+\.\d\d %/m);
    expect(loaded.summary).toMatchObject({ correct: trained.summary.correct, epochs_trained: 1, step: Math.ceil(2000 / 128) });
    // 16 steps of BCE: far from done, far above chance (0.1).
    expect(trained.summary.test_accuracy).toBeGreaterThan(0.3);

    const bytes = new Uint8Array(readFileSync(saved));
    const headerSize = Number(new DataView(bytes.buffer, bytes.byteOffset).getBigUint64(0, true));
    expect(headerSize % 8).toBe(0);
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + headerSize))) as Record<string, { data_offsets: number[] }>;
    expect(Object.keys(header)).toEqual(['__metadata__', '0.bias', '0.weight', '2.bias', '2.weight', '4.bias', '4.weight']);
    const model = importModel(bytes);
    expect(model.hidden).toEqual([64, 32]);
    // The script names ELU's alpha (here its default) as gradlab does.
    expect(model.config).toMatchObject({ activation: 'elu', activationAlpha: 1, loss: 'bce', optimizer: 'adam', normalize: 'symmetric', lr: 0.003 });
    expect(model.testAccuracy).toBeCloseTo(trained.summary.test_accuracy, 12);
    expect(model.missing).toEqual([]);
  });

  it("scores weights gradlab trained on WebGPU and exported as gradlab does, to 0.05 points (5 of the 10,000 images)", async () => {
    const mnist = await loadMnistFromNodeModules();
    const subset = { images: mnist.train.images.subarray(0, 2000 * 784), labels: mnist.train.labels.subarray(0, 2000), count: 2000 };
    const engine = await engineOn(WEBGPU);
    const trainer = new Trainer(engine, uploadMnist(engine, { train: subset, test: mnist.test }), { ...DEFAULT_CONFIG, epochs: 1 });
    await trainer.run(() => {});
    const { accuracy } = await trainer.evaluate();
    const exported = join(dir, 'gradlab.safetensors');
    writeFileSync(exported, exportModel(await trainer.checkpoint(), accuracy));
    trainer.dispose();
    engine.backend.destroy();

    const { summary } = await train(scriptFile('default.py'), ['--epochs', '0', '--load', exported]);
    expect(Math.abs(summary.correct - Math.round(accuracy * 10000))).toBeLessThanOrEqual(5);
    // 16 steps on 2000 images: a model that predicts (about 80 %), so agreeing is not agreeing on noise.
    expect(accuracy).toBeGreaterThan(0.7);
  });

  it("refuses weights whose shapes are not its model's, naming the tensor", async () => {
    const saved = join(dir, 'two-layers.safetensors');
    const ran = await python([scriptFile('default.py'), '--data', mnistDataDir(), '--epochs', '0', '--load', saved]);
    expect(ran.code).toBe(2);
    expect(ran.stderr).toContain('tensor 0.weight is [64, 784], this model\'s is [128, 784]');
  });

  it('trains on two Gloo ranks, started as torchrun starts them, to identical weights', async () => {
    const port = await freePort();
    const script = scriptFile('ranks.py', { loss: 'mse', activation: 'silu', optimizer: 'sgd', lr: 0.5, batchSize: 64 });
    const save = join(dir, 'rank-{rank}.safetensors');
    const rank = (r: number) =>
      python([script, '--data', mnistDataDir(), '--epochs', '1', '--save', save], {
        env: { RANK: String(r), LOCAL_RANK: String(r), WORLD_SIZE: '2', MASTER_ADDR: '127.0.0.1', MASTER_PORT: String(port) },
      });
    const ranks = await Promise.all([rank(0), rank(1)]);
    for (const ran of ranks) expect(ran.code, ran.stderr).toBe(0);
    // Rank 0 alone reports; batch 64 is 32 rows a rank, over a shard of 30,000: the whole epoch.
    expect(summaryOf(ranks[0])).toMatchObject({ world_size: 2, epochs_trained: 1, step: Math.ceil(30_000 / 32) });
    expect(ranks[1].stdout).toBe('');
    const weights = [0, 1].map((r) => readFileSync(join(dir, `rank-${r}.safetensors`)));
    expect(weights[0].length).toBeGreaterThan(400_000);
    expect(weights[1].equals(weights[0])).toBe(true);
  });
});

/** A TCP port nobody listens on now, for the ranks' rendezvous. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
