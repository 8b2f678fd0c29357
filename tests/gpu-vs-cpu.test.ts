// Every op on each backend users run against the float64 CPU reference, on random data of awkward
// and large shapes; on WebGPU, the products on each matmul kernel too. The cases are data, made
// once: every backend sees the same inputs, and each case's reference is computed once.
import { afterAll, beforeAll, describe, it } from 'vitest';
import { ACTIVATION_NAMES, activation, type ActivationName } from '../gpu/ops/activation';
import { bceWithLogits, mse, softmaxCrossEntropy } from '../gpu/ops/losses';
import { hiddenLayer, linear, matmul } from '../gpu/ops/matmul';
import { logSoftmax, softmax } from '../gpu/ops/softmax';
import { Random } from '../gpu/nn/random';
import type { Engine, Tensor } from '../gpu/tensor';
import { BACKENDS, REFERENCE, WEBGPU, engineOn, scaled, type Tolerance } from './backends';
import { expectClose, randomArray } from './helpers';

interface Input {
  shape: number[];
  data: ArrayLike<number>;
  integer?: boolean;
  /** Needs no gradient (a batch of data): a hidden layer on it takes its gradient transposed. */
  constant?: boolean;
}

type Op = (t: Record<string, Tensor>) => Tensor;
type Result = Record<string, ArrayLike<number>>;

/** One op on fixed inputs; `scale` multiplies the backend's [abs, rel] tolerance for this op. */
interface Check {
  op: Op;
  inputs: Record<string, Input>;
  scale?: [number, number];
}

interface OpTest {
  title: string;
  checks: Check[];
}

async function evaluate(engine: Engine, { op, inputs }: Check): Promise<Result> {
  const tensors = Object.fromEntries(
    Object.entries(inputs).map(([name, s]) => [
      name,
      engine.tensor(s.shape, s.data, { dtype: s.integer ? 'u32' : 'f32', requiresGrad: !s.integer && !s.constant }),
    ]),
  );
  const { out, grads } = engine.tidy(() => {
    const out = op(tensors);
    // The same random output gradient on every engine.
    out.backward(engine.tensor(out.shape, randomArray(new Random(5), out.size)));
    return { out, grads: Object.entries(tensors).filter(([, t]) => t.grad).map(([n, t]) => [n, t.grad!] as const) };
  });
  const result: Result = { output: await out.read() };
  for (const [name, g] of grads) result[`grad ${name}`] = await g.read();
  return result;
}

const references = new WeakMap<Check, Promise<Result>>();

function referenceOf(check: Check): Promise<Result> {
  let result = references.get(check);
  if (!result) {
    result = engineOn(REFERENCE).then((engine) => evaluate(engine, check));
    references.set(check, result);
  }
  return result;
}

interface Labelled {
  engine: Engine;
  label: string;
}

/** Registers each test: every check on every engine, against the reference. */
function opTests(tests: OpTest[], engines: () => Labelled[], tolerance: Tolerance): void {
  for (const { title, checks } of tests) {
    it(title, async () => {
      for (const check of checks) {
        const want = await referenceOf(check);
        const [absFactor, relFactor] = check.scale ?? [1, 1];
        const { abs, rel } = scaled(tolerance, absFactor, relFactor);
        for (const { engine, label } of engines()) {
          const got = await evaluate(engine, check);
          for (const key of Object.keys(want)) expectClose(got[key], want[key], abs, rel, `${label}: ${key}`);
        }
      }
    });
  }
}

const random = new Random(3);
const values = (shape: number[], scale = 1): Input => ({
  shape,
  data: randomArray(random, shape.reduce((a, b) => a * b, 1), scale),
});

const check = (op: Op, inputs: Record<string, Input>, scale?: [number, number]): Check => ({ op, inputs, scale });
const opTest = (title: string, ...checks: Check[]): OpTest => ({ title, checks });

/**
 * 1×1, sizes that are not multiples of the blocks or the workgroup tiles, and MNIST's own. The
 * register kernel reads four floats at a time where the sizes along the contiguous axes are
 * multiples of 4, and one at a time elsewhere: forward and backward of 20×36·36×12 all take the
 * first path, of 33×65·65×17 the second, and 12×10·10×8 and 6×8·8×4 mix them (K not a multiple of
 * 4 in the forward, resp. the weight gradient). It writes C four floats at a time where N is a
 * multiple of 4 (12, 8, 4, 128 here) and one at a time elsewhere. The linear 64×128 → 10, the last
 * layer's, takes its narrow block. A sum of k products errs by up to k roundings.
 */
const PRODUCTS = [
  [1, 1, 1],
  [1, 7, 3],
  [5, 1, 6],
  [20, 36, 12],
  [12, 10, 8],
  [6, 8, 4],
  [33, 65, 17],
  [37, 100, 129],
  [64, 784, 128],
  [64, 128, 10],
].flatMap(([m, k, n]) => [
  opTest(`matmul ${m}×${k}·${k}×${n}`, check((t) => matmul(t.a, t.b), { a: values([m, k]), b: values([k, n]) }, [k / 10, 1])),
  opTest(`linear ${m}×${k} → ${n}`, check((t) => linear(t.x, t.w, t.b), { x: values([m, k]), w: values([n, k]), b: values([n]) }, [k / 10, 1])),
]);

/** The largest training step each backend is tested with (see TestBackend.largestBatch), by its rows. */
const LARGEST_STEPS = new Map(
  [...new Set(BACKENDS.map((b) => b.largestBatch))].map((rows) => [
    rows,
    opTest(
      `linear ${rows}×784 → 128, the largest training step tested here`,
      check((t) => linear(t.x, t.w, t.b), { x: values([rows, 784]), w: values([128, 784], 0.05), b: values([128]) }, [5, 10]),
    ),
  ]),
);

/**
 * Two layers, the first's activation and its derivative applied by the matmuls' epilogues where a
 * backend has them: each activation on sizes that take the matmul's four-floats-at-a-time path
 * (the forward's K and N, the input gradient's N, multiples of 4) and on sizes that do not; and,
 * with an input that needs no gradient, where the first layer has more inputs than units (both
 * multiples of 4), its gradient stored transposed (four floats at a time for 20 rows, one at a
 * time for 33).
 */
const hiddenLayerTest = (name: ActivationName) =>
  opTest(
    `hidden layer (${name}) then linear`,
    ...[
      [20, 36, 12, 8, 0],
      [33, 17, 13, 10, 0],
      [20, 36, 12, 8, 1],
      [33, 36, 12, 10, 1],
    ].map(([rows, inputs, units, outputs, constant]) =>
      check((t) => linear(hiddenLayer(t.x, t.w1, t.b1, name), t.w2, t.b2), {
        x: { ...values([rows, inputs], 2), constant: constant === 1 },
        w1: values([units, inputs]),
        b1: values([units]),
        w2: values([outputs, units]),
        b2: values([outputs]),
      }, [inputs / 5, 2]),
    ),
  );
const HIDDEN_LAYERS = ACTIVATION_NAMES.map(hiddenLayerTest);

const ELEMENTWISE = [
  // One function of one value: tighter than an op that sums.
  ...ACTIVATION_NAMES.map((name) => opTest(`${name} on 3×1001 values`, check((t) => activation(t.x, name), { x: values([3, 1001], 8) }, [0.1, 0.2]))),
  opTest(
    'elu and leaky_relu with other parameters',
    check((t) => activation(t.x, 'elu', { alpha: 0.5 }), { x: values([70], 4) }),
    check((t) => activation(t.x, 'leaky_relu', { alpha: 0.2 }), { x: values([70], 4) }),
  ),
  ...[
    [1, 1],
    [1, 10],
    [257, 10],
    [3, 1000],
  ].map(([rows, cols]) => {
    const target = { shape: [rows], data: Array.from({ length: rows }, (_, i) => (i * 7) % cols), integer: true };
    return opTest(
      `softmax family on ${rows}×${cols}`,
      check((t) => logSoftmax(t.x), { x: values([rows, cols], 30) }),
      check((t) => softmax(t.x), { x: values([rows, cols], 30) }),
      check((t) => softmaxCrossEntropy(t.x, t.target), { x: values([rows, cols], 30), target }),
    );
  }),
  ...[1, 10, 1290, 70001].map((n) => {
    const target = { shape: [n], data: randomArray(random, n, 0.5).map((v) => v + 0.5) };
    return opTest(
      `mse and bce_with_logits over ${n} values`,
      check((t) => mse(t.input, t.target), { input: values([n]), target: values([n]) }),
      check((t) => bceWithLogits(t.input, t.target), { input: values([n], 100), target }, [1, 2]),
    );
  }),
];

// Stand-ins off: each engine runs exactly the kernels its tuning names (here, the backend's own
// choice; a backend without kernel variants ignores it). The stand-in is checked below.
const EXACT_KERNELS = { standIns: false };

describe.each(BACKENDS)('$name matches the float64 reference', (backend) => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await engineOn(backend, EXACT_KERNELS);
  });
  afterAll(() => engine.backend.destroy());
  const tests = [...PRODUCTS, LARGEST_STEPS.get(backend.largestBatch)!, ...HIDDEN_LAYERS, ...ELEMENTWISE];
  opTests(tests, () => [{ engine, label: backend.name }], backend.tolerance);
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
  // The epilogues are the same WGSL for every shader, the activation picked by a constant: two
  // activations (one with parameters) show that each shader stores through them.
  const epilogues = (['relu', 'softplus'] as const).map(hiddenLayerTest);
  const tests = [...PRODUCTS, LARGEST_STEPS.get(WEBGPU.largestBatch)!, ...epilogues];
  opTests(tests, () => engines.map((engine) => ({ engine, label: label(engine) })), WEBGPU.tolerance);
});
