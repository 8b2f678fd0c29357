// An activation as the engine computes it, for the page to plot: f and f' through the activation
// op's own forward and backward kernels, on the backend that trains.
import { ACTIVATIONS, activation, activationAttrs, type ActivationAttrs, type ActivationName } from '../ops/activation';
import type { Engine } from '../tensor';
import { curvePoints } from './summaries';
import type { ActivationCurve } from './types';

/** f(x) and f'(x) at x = −6, −5.75, …, 6: the op's forward, and its backward with dy = 1. */
export async function activationCurve(engine: Engine, name: ActivationName, attrs: ActivationAttrs = {}): Promise<ActivationCurve> {
  const xs = curvePoints();
  const x = engine.tensor([xs.length], xs, { requiresGrad: true });
  const ones = engine.tensor([xs.length], xs.map(() => 1));
  try {
    const reads = engine.tidy(() => {
      const y = activation(x, name, attrs);
      y.backward(ones);
      return [y.read(), x.grad!.read()];
    });
    const [f, df] = await Promise.all(reads);
    return { xs, f: Array.from(f), df: Array.from(df) };
  } finally {
    engine.dispose(x);
    engine.dispose(ones);
  }
}

/**
 * The largest slope f' takes over the reals, from the float64 CPU formulas: 1 for the ReLU family
 * (or the leaky slope or ELU's alpha, if above 1), 1/4 for the sigmoid, GELU's and SiLU's hump just
 * above 1. Found by a scan over [−30, 30] refined by golden-section search: f' has one maximum
 * there, or reaches its supremum there (softplus's 1, past its threshold of 20).
 */
export function maxDerivative(name: ActivationName, attrs: ActivationAttrs = {}): number {
  const a = activationAttrs(name, attrs);
  const df = (x: number) => (ACTIVATIONS[name].df as (x: number, a: Required<ActivationAttrs>) => number)(x, a);
  const step = 1 / 64;
  let best = -30;
  for (let x = -30; x <= 30; x += step) if (df(x) > df(best)) best = x;
  let [lo, hi] = [best - step, best + step];
  const ratio = (Math.sqrt(5) - 1) / 2;
  for (let i = 0; i < 80; i++) {
    const m1 = hi - ratio * (hi - lo);
    const m2 = lo + ratio * (hi - lo);
    if (df(m1) < df(m2)) lo = m1;
    else hi = m2;
  }
  return Math.max(df(best), df((lo + hi) / 2));
}
