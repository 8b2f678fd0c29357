import { describe, expect, it } from 'vitest';
import type { Mnist } from '../gpu/data/idx';
import { loadMnistFromNodeModules } from '../gpu/data/mnist-node';
import { Random } from '../gpu/nn/random';
import { gatherBatch } from '../gpu/ops/gather';
import { Optimizer, type OptimizerConfig } from '../gpu/optim/optimizers';
import { DEFAULT_CONFIG, validateConfig } from '../gpu/train/config';
import { uploadMnist } from '../gpu/train/device-data';
import { UNLIMITED } from '../gpu/train/memory';
import { Trainer } from '../gpu/train/trainer';
import { BACKENDS, VALUE_BACKENDS, engineOn, scaled } from './backends';
import { expectClose } from './helpers';
import { syntheticData, syntheticSet } from './synthetic';

/** torch.optim's update rules, written out independently in float64. */
function torchReference(config: Required<OptimizerConfig>, param: number[], grads: number[][]): number[] {
  const p = [...param];
  const s1 = p.map(() => 0);
  const s2 = p.map(() => 0);
  grads.forEach((grad, stepIndex) => {
    const t = stepIndex + 1;
    for (let i = 0; i < p.length; i++) {
      const g = grad[i] + config.weightDecay * p[i];
      if (config.name === 'sgd') p[i] -= config.lr * g;
      else if (config.name === 'momentum') {
        s1[i] = t === 1 ? g : config.momentum * s1[i] + g;
        p[i] -= config.lr * s1[i];
      } else {
        s1[i] = config.beta1 * s1[i] + (1 - config.beta1) * g;
        s2[i] = config.beta2 * s2[i] + (1 - config.beta2) * g * g;
        const mHat = s1[i] / (1 - config.beta1 ** t);
        const vHat = s2[i] / (1 - config.beta2 ** t);
        p[i] -= (config.lr * mHat) / (Math.sqrt(vHat) + config.eps);
      }
    }
  });
  return p;
}

// One elementwise update per step: a twentieth of an op's tolerance in abs, a tenth in rel.
describe.each(VALUE_BACKENDS)('optimisers follow PyTorch on $name', (backend) => {
  const tolerance = scaled(backend.tolerance, 0.05, 0.1);
  for (const name of ['sgd', 'momentum', 'adam'] as const) {
    it(`${name}, with weight decay, over three steps`, async () => {
      const engine = await engineOn(backend);
      const random = new Random(4);
      const config = { name, lr: 0.05, weightDecay: 0.01, momentum: 0.9, beta1: 0.9, beta2: 0.999, eps: 1e-8 };
      const initial = Array.from({ length: 37 }, () => random.uniform(-1, 1));
      const grads = [0, 1, 2].map(() => initial.map(() => random.uniform(-2, 2)));
      const param = engine.tensor([37], initial, { requiresGrad: true });
      const optimizer = new Optimizer(engine, [param], config);
      for (const g of grads) {
        param.grad = engine.tensor([37], g);
        optimizer.step();
      }
      const want = torchReference(config, initial, grads);
      expectClose(await param.read(), want, tolerance.abs, tolerance.rel, `${name} parameters`);
      engine.backend.destroy();
    });
  }
});

describe.each(BACKENDS)('batches on $name', (backend) => {
  it('an epoch of gathered batches holds each image exactly once, normalised, with its label', async () => {
    const engine = await engineOn(backend);
    const count = 1000;
    const set = syntheticSet(count);
    // Pixels 0 and 1 encode the sample's index, so a gathered row says which image it came from.
    for (let i = 0; i < count; i++) {
      set.images[i * 784] = i & 255;
      set.images[i * 784 + 1] = i >> 8;
    }
    const data = uploadMnist(engine, { train: set, test: set });
    const random = new Random(11);
    const orders: Uint32Array[] = [];
    for (let epoch = 0; epoch < 2; epoch++) {
      const order = random.permutation(count);
      orders.push(order);
      const orderTensor = engine.tensor([count], order, { dtype: 'u32' });
      const start = engine.tensor([1], [0], { dtype: 'u32' });
      const seen = new Uint8Array(count);
      for (let first = 0; first < count; first += 128) {
        const rows = Math.min(128, count - first);
        engine.backend.write(start.buffer, [first]);
        const { x, y } = engine.tidy(() => gatherBatch(data.train.images, data.train.labels, orderTensor, start, rows, 784, { mean: 0.5, std: 0.25 }));
        const [pixels, labels] = await Promise.all([x.read(), y.read()]);
        for (let r = 0; r < rows; r++) {
          const id = Math.round((pixels[r * 784] * 0.25 + 0.5) * 255) + 256 * Math.round((pixels[r * 784 + 1] * 0.25 + 0.5) * 255);
          expect(id).toBe(order[first + r]);
          expect(labels[r]).toBe(set.labels[id]);
          const j = 100 + r;
          expect(pixels[r * 784 + j]).toBeCloseTo((set.images[id * 784 + j] / 255 - 0.5) / 0.25, 5);
          seen[id]++;
        }
      }
      expect(seen.every((n) => n === 1)).toBe(true);
    }
    expect(orders[0]).not.toEqual(orders[1]);
    expect(new Random(11).permutation(count)).toEqual(orders[0]);
    engine.backend.destroy();
  });
});

// Loaded (and its checksums verified) once for all backends.
let mnistLoad: Promise<Mnist> | undefined;
const realMnist = () => (mnistLoad ??= loadMnistFromNodeModules());

describe.each(BACKENDS)('training on real MNIST on $name', (backend) => {
  it('the loss falls and the model learns', async () => {
    const engine = await engineOn(backend);
    const mnist = await realMnist();
    const subset = (s: typeof mnist.train, n: number) => ({ images: s.images.subarray(0, n * 784), labels: s.labels.subarray(0, n), count: n });
    const data = uploadMnist(engine, { train: subset(mnist.train, 4096), test: subset(mnist.test, 1000) });
    const trainer = new Trainer(engine, data, { ...DEFAULT_CONFIG, hidden: [64], batchSize: 64, epochs: 1, lossEvery: 4 });
    const losses: number[] = [];
    const epochs: number[] = [];
    await trainer.run((e) => (e.type === 'step' ? losses.push(e.loss) : epochs.push(e.testAccuracy)));
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(losses.length).toBe(1 + 64 / 4); // the first step's, then every fourth
    expect(mean(losses.slice(-4))).toBeLessThan(0.5 * mean(losses.slice(0, 2)));
    expect(epochs).toHaveLength(1);
    expect(epochs[0]).toBeGreaterThan(0.8);
    const probabilities = await trainer.predict(Array.from(mnist.test.images.subarray(0, 784), (v) => v / 255));
    expect(probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    expect(probabilities.indexOf(Math.max(...probabilities))).toBe(mnist.test.labels[0]);
    engine.backend.destroy();
  });
});

describe('configurations', () => {
  it('are refused before any work, the problem named', () => {
    const device = { ...UNLIMITED, maxBufferElements: 2 ** 24 };
    const errors = validateConfig({ ...DEFAULT_CONFIG, lr: -1, batchSize: 0, hidden: [100000] }, device);
    expect(errors.lr).toMatch(/positive/);
    expect(errors.batchSize).toMatch(/whole number/);
    expect(errors.hidden).toMatch(/8192/);
    expect(validateConfig({ ...DEFAULT_CONFIG, hidden: [4000], batchSize: 8192 }, device).hidden).toMatch(/device's limit of 16777216/);
    expect(validateConfig(DEFAULT_CONFIG)).toEqual({});
  });
});

describe.each(BACKENDS)('checkpoints on $name', (backend) => {
  it('a trainer restored on a new device carries on exactly as the original', async () => {
    const config = { ...DEFAULT_CONFIG, hidden: [16], batchSize: 50, lossEvery: 1, epochs: 2 };
    const first = await engineOn(backend);
    const original = new Trainer(first, syntheticData(first, 300, 50), config);
    for (let i = 0; i < 8; i++) original.trainStep(); // mid-way through the second epoch
    const checkpoint = await original.checkpoint();
    expect(checkpoint.finite).toBe(true);
    const losses = async (trainer: Trainer) => {
      const values = [];
      for (let i = 0; i < 5; i++) values.push(await trainer.trainStep().loss);
      return values;
    };
    const expected = await losses(original);
    first.backend.destroy();

    const second = await engineOn(backend);
    const restored = Trainer.restore(second, syntheticData(second, 300, 50), checkpoint);
    expect([restored.step, restored.epoch]).toEqual([8, 1]);
    expect(await losses(restored)).toEqual(expected);
    second.backend.destroy();
  });

  it('report a model whose parameters went non-finite', async () => {
    const engine = await engineOn(backend);
    const trainer = new Trainer(engine, syntheticData(engine, 256, 50), { ...DEFAULT_CONFIG, hidden: [16], batchSize: 64, lossEvery: 1 });
    expect(Number.isFinite(await trainer.trainStep().loss)).toBe(true);
    const weight = trainer.model.layers[0].weight;
    engine.backend.write(weight.buffer, new Float32Array(weight.size).fill(Infinity));
    const poisoned = await trainer.trainStep().loss;
    expect(Number.isFinite(poisoned)).toBe(false);
    expect((await trainer.checkpoint()).finite).toBe(false);
    engine.backend.destroy();
  });
});
