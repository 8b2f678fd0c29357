// Every op on each backend users run against the float64 CPU reference, on random data of awkward
// and large shapes; on WebGPU, the products on each matmul kernel too.
import { afterAll, beforeAll, describe, it } from 'vitest';
import { ACTIVATION_NAMES, activation } from '../gpu/ops/activation';
import { bceWithLogits, mse, softmaxCrossEntropy } from '../gpu/ops/losses';
import { linear, matmul } from '../gpu/ops/matmul';
import { logSoftmax, softmax } from '../gpu/ops/softmax';
import { Random } from '../gpu/nn/random';
import type { Engine, Tensor } from '../gpu/tensor';
import { BACKENDS, REFERENCE, WEBGPU, engineOn, scaled, type Tolerance } from './backends';
import { expectClose, randomArray } from './helpers';

interface Input {
  shape: number[];
  data: ArrayLike<number>;
  integer?: boolean;
}

type Op = (t: Record<string, Tensor>) => Tensor;

async function evaluate(engine: Engine, op: Op, inputs: Record<string, Input>, gradSeed: number) {
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

/** Checks an op's output and gradients on each engine, with the tolerance widened by [abs, rel] factors. */
type Compare = (op: Op, inputs: Record<string, Input>, factors?: [number, number]) => Promise<void>;

function comparing(engines: () => { engine: Engine; label: string }[], tolerance: Tolerance): Compare {
  return async (op, inputs, [absFactor, relFactor] = [1, 1]) => {
    const { abs, rel } = scaled(tolerance, absFactor, relFactor);
    const want = await evaluate(await engineOn(REFERENCE), op, inputs, 5);
    for (const { engine, label } of engines()) {
      const got = await evaluate(engine, op, inputs, 5);
      for (const key of Object.keys(want)) expectClose(got[key], want[key], abs, rel, `${label}: ${key}`);
    }
  };
}

const random = new Random(3);
const values = (shape: number[], scale = 1): Input => ({
  shape,
  data: randomArray(random, shape.reduce((a, b) => a * b, 1), scale),
});

/**
 * 1×1, sizes that are not multiples of the blocks or the workgroup tiles, and MNIST's own. The
 * register kernel reads four floats at a time where the sizes along the contiguous axes are
 * multiples of 4, and one at a time elsewhere: forward and backward of 20×36·36×12 all take the
 * first path, of 33×65·65×17 the second, and 12×10·10×8 and 6×8·8×4 mix them (K not a multiple of
 * 4 in the forward, resp. the weight gradient). A sum of k products errs by up to k roundings.
 */
function productTests(compare: Compare, largestBatch: number) {
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
    it(`matmul ${m}×${k}·${k}×${n}`, () => compare((t) => matmul(t.a, t.b), { a: values([m, k]), b: values([k, n]) }, [k / 10, 1]));
    it(`linear ${m}×${k} → ${n}`, () =>
      compare((t) => linear(t.x, t.w, t.b), { x: values([m, k]), w: values([n, k]), b: values([n]) }, [k / 10, 1]));
  }

  it(`linear ${largestBatch}×784 → 128, the largest training step tested here`, () =>
    compare((t) => linear(t.x, t.w, t.b), { x: values([largestBatch, 784]), w: values([128, 784], 0.05), b: values([128]) }, [5, 10]));
}

function elementwiseTests(compare: Compare) {
  // One function of one value: tighter than an op that sums.
  for (const name of ACTIVATION_NAMES) {
    it(`${name} on 3×1001 values`, () => compare((t) => activation(t.x, name), { x: values([3, 1001], 8) }, [0.1, 0.2]));
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
      await compare((t) => bceWithLogits(t.input, t.target), { input: values([n], 100), target }, [1, 2]);
    });
  }
}

// Stand-ins off: each engine runs exactly the kernels its tuning names (here, the backend's own
// choice); the stand-in kernel is checked with the other matmul kernels below.
const EXACT_KERNELS = { standIns: false };

describe.each(BACKENDS)('$name matches the float64 reference', (backend) => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await engineOn(backend, EXACT_KERNELS);
  });
  afterAll(() => engine.backend.destroy());
  const compare = comparing(() => [{ engine, label: backend.name }], backend.tolerance);
  productTests(compare, backend.largestBatch);
  elementwiseTests(compare);
});

describe('WebGPU only: the other matmul kernels match the float64 reference', () => {
  // The kernel SwiftShader gets (register, with subgroups) ran above.
  const engines: Engine[] = [];
  beforeAll(async () => {
    for (const tuning of [
      { matmul: 'tiled' }, // the workgroup-memory matmul that real GPUs get, run here too
      { matmul: 'register', subgroups: false }, // the register matmul without four-wide subgroups
      { matmul: 'quick' }, // the register matmul's stand-in while it compiles
    ] as const) {
      engines.push(await engineOn(WEBGPU, { ...tuning, ...EXACT_KERNELS }));
    }
  });
  afterAll(() => engines.forEach((e) => e.backend.destroy()));
  const label = ({ backend: { tuning } }: Engine) => `${tuning.matmul}${tuning.subgroups ? ' (subgroups)' : ''}`;
  productTests(comparing(() => engines.map((engine) => ({ engine, label: label(engine) })), WEBGPU.tolerance), WEBGPU.largestBatch);
});
