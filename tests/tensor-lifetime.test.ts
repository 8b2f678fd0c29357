// A tensor's buffer goes back to the pool on dispose() or at the end of its tidy() scope; any later
// use must fail loudly, naming the tensor, rather than read or write a buffer someone else now owns.
// Gradients of leaves outlive tidy() and add up until zeroGrad().
import { describe, expect, it } from 'vitest';
import { activation } from '../gpu/ops/activation';
import { softmaxCrossEntropy } from '../gpu/ops/losses';
import { linear } from '../gpu/ops/matmul';
import { Random } from '../gpu/nn/random';
import { Optimizer } from '../gpu/optim/optimizers';
import type { Engine, Tensor } from '../gpu/tensor';
import { BACKENDS, engineOn } from './backends';
import { randomArray, referenceEngine } from './helpers';

const USED_AFTER_DISPOSE = /a tensor of shape \[128, 784\] was used after dispose\(\)/;

describe.each(BACKENDS)('tensor lifetime on $name', (backend) => {
  it('a disposed tensor throws on every use, naming its shape; a second dispose does nothing', async () => {
    const engine = await engineOn(backend);
    const w = engine.tensor([128, 784], undefined, { requiresGrad: true });
    const x = engine.tensor([2, 784]);
    const b = engine.tensor([128]);
    w.dispose();
    expect(w.disposed).toBe(true);
    expect(() => w.buffer).toThrow(USED_AFTER_DISPOSE);
    expect(() => w.size).toThrow(USED_AFTER_DISPOSE);
    expect(() => w.read()).toThrow(USED_AFTER_DISPOSE);
    expect(() => engine.tidy(() => linear(x, w, b))).toThrow(USED_AFTER_DISPOSE);
    const pooled = engine.backend.counters().pooledBuffers;
    w.dispose();
    expect(engine.backend.counters().pooledBuffers).toBe(pooled);
    engine.backend.destroy();
  });

  it("tidy()'s temporaries count as disposed once the scope ends; what it returns lives on", async () => {
    const engine = await engineOn(backend);
    const x = engine.tensor([128, 784]);
    let temporary: Tensor | null = null;
    const kept = engine.tidy(() => {
      temporary = activation(x, 'relu');
      return activation(temporary, 'tanh');
    });
    expect(() => temporary!.read()).toThrow(USED_AFTER_DISPOSE);
    expect(() => engine.tidy(() => activation(temporary!, 'relu'))).toThrow(USED_AFTER_DISPOSE);
    expect((await kept.read()).length).toBe(128 * 784);
    engine.backend.destroy();
  });

  it("disposing a parameter frees its gradient's buffer with it", async () => {
    const engine = await engineOn(backend);
    const model = tinyModel(engine);
    engine.tidy(() => model.loss().backward());
    const pooled = engine.backend.counters().pooledBuffers;
    model.w.dispose();
    expect(model.w.grad).toBeNull();
    expect(engine.backend.counters().pooledBuffers).toBe(pooled + 2);
    engine.backend.destroy();
  });
});

/** A linear layer and its loss on fixed random data. */
function tinyModel(engine: Engine) {
  const random = new Random(11);
  const w = engine.tensor([3, 5], randomArray(random, 15), { requiresGrad: true });
  const b = engine.tensor([3], randomArray(random, 3), { requiresGrad: true });
  const x = engine.tensor([4, 5], randomArray(random, 20));
  const labels = engine.tensor([4], [0, 2, 1, 2], { dtype: 'u32' });
  return { w, b, loss: () => softmaxCrossEntropy(linear(x, w, b), labels) };
}

async function gradients(model: ReturnType<typeof tinyModel>) {
  return { w: Array.from(await model.w.grad!.read()), b: Array.from(await model.b.grad!.read()) };
}

const doubled = (g: { w: number[]; b: number[] }) => ({ w: g.w.map((v) => 2 * v), b: g.b.map((v) => 2 * v) });

describe('explicit gradient reset (float64)', () => {
  it('two backward passes in two tidy() scopes without zeroGrad() give the sum of their gradients', async () => {
    const once = tinyModel(referenceEngine());
    once.w.engine.tidy(() => once.loss().backward());
    const single = await gradients(once);

    const twice = tinyModel(referenceEngine());
    twice.w.engine.tidy(() => twice.loss().backward());
    twice.w.engine.tidy(() => twice.loss().backward());
    // Doubling is exact in floating point: the sum must be 2× the single pass to the last bit.
    expect(await gradients(twice)).toEqual(doubled(single));
  });

  it('zeroGrad() starts the next backward pass from zero', async () => {
    const engine = referenceEngine();
    const model = tinyModel(engine);
    const optimizer = new Optimizer(engine, [model.w, model.b], { name: 'sgd', lr: 0.1 });
    engine.tidy(() => model.loss().backward());
    const first = await gradients(model);
    optimizer.zeroGrad();
    expect(model.w.grad).toBeNull();
    engine.tidy(() => model.loss().backward());
    expect(await gradients(model)).toEqual(first);
  });
});
