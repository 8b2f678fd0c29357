// Every op on WebGPU against the float64 CPU reference, on random data of awkward and large shapes.
import { beforeAll, describe, it } from 'vitest';
import { ACTIVATION_NAMES, activation } from '../gpu/ops/activation';
import { bceWithLogits, mse, softmaxCrossEntropy } from '../gpu/ops/losses';
import { linear, matmul } from '../gpu/ops/matmul';
import { logSoftmax, softmax } from '../gpu/ops/softmax';
import { Random } from '../gpu/nn/random';
import type { Tensor } from '../gpu/tensor';
import { nodeWebGpuBackend } from '../gpu/cli/node-webgpu';
import { Engine } from '../gpu/tensor';
import { expectClose, randomArray, referenceEngine } from './helpers';

interface Input {
  shape: number[];
  data: ArrayLike<number>;
  integer?: boolean;
}

async function evaluate(engine: Engine, op: (t: Record<string, Tensor>) => Tensor, inputs: Record<string, Input>, gradSeed: number) {
  const tensors = Object.fromEntries(
    Object.entries(inputs).map(([name, s]) => [
      name,
      engine.tensor(s.shape, s.data, { dtype: s.integer ? 'u32' : 'f32', requiresGrad: !s.integer }),
    ]),
  );
  const { out, grads } = engine.tidy(() => {
    const out = op(tensors);
    out.backward(engine.tensor(out.shape, randomArray(new Random(gradSeed), out.size)));
    return { out, grads: Object.entries(tensors).filter(([, t]) => t.grad).map(([n, t]) => [n, t.grad!] as const) };
  });
  const result: Record<string, ArrayLike<number>> = { output: await out.read() };
  for (const [name, g] of grads) result[`grad ${name}`] = await g.read();
  return result;
}

// Stand-ins off: each engine runs exactly the kernels its tuning names.
const engines: Engine[] = [];
beforeAll(async () => {
  for (const tuning of [
    {}, // what SwiftShader gets: the register matmul with subgroups
    { matmul: 'tiled' }, // the workgroup-memory matmul that real GPUs get, run here too
    { matmul: 'register', subgroups: false }, // the register matmul without four-wide subgroups
    { matmul: 'quick' }, // the register matmul's stand-in while it compiles
  ] as const) {
    engines.push(new Engine(await nodeWebGpuBackend({ ...tuning, standIns: false })));
  }
});

async function compare(op: (t: Record<string, Tensor>) => Tensor, inputs: Record<string, Input>, abs = 2e-5, rel = 1e-4) {
  const want = await evaluate(referenceEngine(), op, inputs, 5);
  for (const engine of engines) {
    const got = await evaluate(engine, op, inputs, 5);
    const { matmul, subgroups } = engine.backend.tuning;
    for (const key of Object.keys(want)) expectClose(got[key], want[key], abs, rel, `${matmul}${subgroups ? ' (subgroups)' : ''}: ${key}`);
  }
}

const random = new Random(3);
const values = (shape: number[], scale = 1): Input => ({
  shape,
  data: randomArray(random, shape.reduce((a, b) => a * b, 1), scale),
});

describe('WebGPU matches the float64 CPU reference', () => {
  // 1×1, sizes that are not multiples of the blocks or the workgroup tiles, and MNIST's own. The
  // register kernel reads four floats at a time where the sizes along the contiguous axes are
  // multiples of 4, and one at a time elsewhere: forward and backward of 20×36·36×12 all take
  // the first path, of 33×65·65×17 the second, and 12×10·10×8 and 6×8·8×4 mix them (K not a
  // multiple of 4 in the forward, resp. the weight gradient).
  for (const [m, k, n] of [
    [1, 1, 1],
    [1, 7, 3],
    [5, 1, 6],
    [20, 36, 12],
    [12, 10, 8],
    [6, 8, 4],
    [33, 65, 17],
    [37, 100, 129],
    [64, 784, 128],
  ]) {
    it(`matmul ${m}×${k}·${k}×${n}`, () => compare((t) => matmul(t.a, t.b), { a: values([m, k]), b: values([k, n]) }, 2e-6 * k));
    it(`linear ${m}×${k} → ${n}`, () =>
      compare((t) => linear(t.x, t.w, t.b), { x: values([m, k]), w: values([n, k]), b: values([n]) }, 2e-6 * k));
  }

  it('linear 1024×784 → 128, the largest training step', () =>
    compare((t) => linear(t.x, t.w, t.b), { x: values([1024, 784]), w: values([128, 784], 0.05), b: values([128]) }, 1e-4, 1e-3));

  for (const name of ACTIVATION_NAMES) {
    it(`${name} on 3×1001 values`, () => compare((t) => activation(t.x, name), { x: values([3, 1001], 8) }, 2e-6, 2e-5));
  }

  it('elu and leaky_relu with other parameters', async () => {
    await compare((t) => activation(t.x, 'elu', { alpha: 0.5 }), { x: values([70], 4) });
    await compare((t) => activation(t.x, 'leaky_relu', { alpha: 0.2 }), { x: values([70], 4) });
  });

  for (const [rows, cols] of [
    [1, 1],
    [1, 10],
    [257, 10],
    [3, 1000],
  ]) {
    it(`softmax family on ${rows}×${cols}`, async () => {
      await compare((t) => logSoftmax(t.x), { x: values([rows, cols], 30) });
      await compare((t) => softmax(t.x), { x: values([rows, cols], 30) });
      const target = { shape: [rows], data: Array.from({ length: rows }, (_, i) => (i * 7) % cols), integer: true };
      await compare((t) => softmaxCrossEntropy(t.x, t.target), { x: values([rows, cols], 30), target });
    });
  }

  for (const n of [1, 10, 1290, 70001]) {
    it(`mse and bce_with_logits over ${n} values`, async () => {
      await compare((t) => mse(t.input, t.target), { input: values([n]), target: values([n]) });
      const target = { shape: [n], data: randomArray(random, n, 0.5).map((v) => v + 0.5) };
      await compare((t) => bceWithLogits(t.input, t.target), { input: values([n], 100), target }, 2e-5, 2e-4);
    });
  }
});
