// Finite-difference checks of every op's backward, in float64 on the CPU backend.
import { describe, expect, it } from 'vitest';
import { ACTIVATION_NAMES, activation } from '../gpu/ops/activation';
import { bceWithLogits, mse, softmaxCrossEntropy } from '../gpu/ops/losses';
import { hiddenLayer, linear, matmul } from '../gpu/ops/matmul';
import { logSoftmax, softmax } from '../gpu/ops/softmax';
import { Random } from '../gpu/nn/random';
import type { Engine, Tensor } from '../gpu/tensor';
import { randomArray, referenceEngine } from './helpers';

type Inputs = Record<string, { shape: number[]; data: Float64Array; grad?: boolean; integer?: boolean }>;

/** Σ w·op(inputs) for fixed random weights w: a scalar whose gradient exercises every output. */
async function weightedSum(engine: Engine, op: (t: Record<string, Tensor>) => Tensor, inputs: Inputs, weights: Float64Array) {
  const tensors = Object.fromEntries(
    Object.entries(inputs).map(([name, s]) => [
      name,
      engine.tensor(s.shape, s.data, { dtype: s.integer ? 'u32' : 'f32', requiresGrad: s.grad ?? !s.integer }),
    ]),
  );
  const result = engine.tidy(() => {
    const out = op(tensors);
    const w = engine.tensor(out.shape, weights.subarray(0, out.size));
    out.backward(w);
    const value = out.read().then((o) => Array.from(o).reduce((s, v, i) => s + v * weights[i], 0));
    return { value, grads: Object.fromEntries(Object.entries(tensors).map(([n, t]) => [n, t.grad])) };
  });
  const grads: Record<string, Float64Array> = {};
  for (const [name, g] of Object.entries(result.grads)) if (g) grads[name] = Float64Array.from(await g.read());
  return { value: await result.value, grads };
}

async function gradcheck(op: (t: Record<string, Tensor>) => Tensor, inputs: Inputs) {
  const engine = referenceEngine();
  const weights = randomArray(new Random(99), 4096);
  const { grads } = await weightedSum(engine, op, inputs, weights);
  const h = 1e-6;
  for (const [name, spec] of Object.entries(inputs)) {
    if (spec.integer || spec.grad === false) continue;
    expect(grads[name], `gradient of ${name}`).toBeDefined();
    for (let i = 0; i < spec.data.length; i++) {
      const original = spec.data[i];
      spec.data[i] = original + h;
      const plus = (await weightedSum(engine, op, inputs, weights)).value;
      spec.data[i] = original - h;
      const minus = (await weightedSum(engine, op, inputs, weights)).value;
      spec.data[i] = original;
      const numeric = (plus - minus) / (2 * h);
      const analytic = grads[name][i];
      const error = Math.abs(numeric - analytic) / Math.max(1, Math.abs(numeric));
      if (error > 1e-6) throw new Error(`d/d${name}[${i}]: analytic ${analytic}, numeric ${numeric}`);
    }
  }
}

const random = new Random(7);
const values = (shape: number[], scale = 2) => ({ shape, data: randomArray(random, shape.reduce((a, b) => a * b, 1), scale) });

describe('finite-difference gradients (float64)', () => {
  it('matmul', () => gradcheck((t) => matmul(t.a, t.b), { a: values([3, 5]), b: values([5, 4]) }));

  it('linear', () =>
    gradcheck((t) => linear(t.x, t.w, t.b), { x: values([4, 6]), w: values([3, 6]), b: values([3]) }));

  for (const name of ACTIVATION_NAMES) {
    // Points near relu/leaky_relu/elu's kink would make the difference quotient straddle it.
    it(name, () => {
      const x = values([3, 7], 4);
      for (let i = 0; i < x.data.length; i++) if (Math.abs(x.data[i]) < 1e-3) x.data[i] = 0.5;
      return gradcheck((t) => activation(t.x, name), { x });
    });
  }

  it('softplus with beta and threshold', () =>
    gradcheck((t) => activation(t.x, 'softplus', { beta: 2, threshold: 3 }), {
      x: { shape: [5], data: Float64Array.from([-3, -0.5, 0.7, 1.2, 4]) },
    }));

  it('log_softmax', () => gradcheck((t) => logSoftmax(t.x), { x: values([4, 6], 5) }));
  it('softmax', () => gradcheck((t) => softmax(t.x), { x: values([4, 6], 5) }));

  it('softmax_cross_entropy', () =>
    gradcheck((t) => softmaxCrossEntropy(t.logits, t.target), {
      logits: values([5, 4], 5),
      target: { shape: [5], data: Float64Array.from([0, 3, 1, 1, 2]), integer: true },
    }));

  it('mse (input and target)', () => gradcheck((t) => mse(t.input, t.target), { input: values([3, 4]), target: values([3, 4]) }));

  it('bce_with_logits (input and target)', () =>
    gradcheck((t) => bceWithLogits(t.input, t.target), {
      input: values([3, 4], 6),
      target: { shape: [3, 4], data: randomArray(random, 12, 0.5).map((v) => v + 0.5) },
    }));

  it('a composite: mse(softmax(linear(relu(linear(x)))))', () =>
    gradcheck(
      (t) => mse(softmax(linear(activation(linear(t.x, t.w1, t.b1), 'tanh'), t.w2, t.b2)), t.y),
      { x: values([3, 5]), w1: values([4, 5]), b1: values([4]), w2: values([3, 4]), b2: values([3]), y: { ...values([3, 3]), grad: false } },
    ));

  for (const name of ACTIVATION_NAMES) {
    it(`a hidden layer (${name}, its activation and derivative in the matmuls) then linear`, () =>
      gradcheck((t) => linear(hiddenLayer(t.x, t.w1, t.b1, name), t.w2, t.b2), {
        x: values([3, 5]),
        w1: values([4, 5]),
        b1: values([4]),
        w2: values([3, 4]),
        b2: values([3]),
      }));
  }

  it('a tensor used twice accumulates both gradients', () => gradcheck((t) => matmul(t.a, t.a), { a: values([3, 3]) }));
});
