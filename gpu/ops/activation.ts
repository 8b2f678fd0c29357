import functionsWgsl from '../../shaders/activation_functions.wgsl';
import unaryWgsl from '../../shaders/unary.wgsl';
import type { Tensor } from '../tensor';
import { defineKernel, strideGroups } from './kernel';
import { declarationsUsedBy } from './wgsl-declarations';

export interface ActivationAttrs {
  /** leaky_relu's negative slope, elu's alpha. */
  alpha?: number;
  /** softplus's beta and threshold, as in PyTorch. */
  beta?: number;
  threshold?: number;
}

const SQRT1_2 = Math.SQRT1_2;
const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);
const GELU_CUBIC = 0.044715;

const sigmoid = (v: number) => (v >= 0 ? 1 / (1 + Math.exp(-v)) : Math.exp(v) / (1 + Math.exp(v)));

/** erf to float64 accuracy: its Taylor series near 0, a continued fraction for erfc in the tails. */
export function erf(x: number): number {
  const a = Math.abs(x);
  if (a < 3) {
    let term = x;
    let sum = x;
    for (let n = 1; n < 100 && Math.abs(term) > 1e-17 * Math.abs(sum); n++) {
      term *= (-x * x) / n;
      sum += term / (2 * n + 1);
    }
    return (2 / Math.sqrt(Math.PI)) * sum;
  }
  let t = a;
  for (let k = 60; k >= 1; k--) t = a + k / 2 / t;
  const erfc = Math.exp(-a * a) / Math.sqrt(Math.PI) / t;
  return Math.sign(x) * (1 - erfc);
}

interface Activation {
  f: (x: number, a: Required<ActivationAttrs>) => number;
  df: (x: number, a: Required<ActivationAttrs>) => number;
  defaults?: ActivationAttrs;
  /** Has WebAssembly kernels, `${name}_forward` and `${name}_backward` (gpu/wasm/assembly/elementwise.ts). */
  wasm?: true;
}

/** Every activation the engine has, with its CPU twin; the GPU versions are in shaders/activation_functions.wgsl. */
export const ACTIVATIONS = {
  relu: { f: (x) => Math.max(x, 0), df: (x) => (x > 0 ? 1 : 0), wasm: true },
  leaky_relu: {
    f: (x, a) => (x > 0 ? x : a.alpha * x),
    df: (x, a) => (x > 0 ? 1 : a.alpha),
    defaults: { alpha: 0.01 },
  },
  sigmoid: { f: sigmoid, df: (x) => sigmoid(x) * (1 - sigmoid(x)) },
  tanh: { f: Math.tanh, df: (x) => 1 - Math.tanh(x) ** 2 },
  gelu: {
    f: (x) => 0.5 * x * (1 + erf(x * SQRT1_2)),
    df: (x) => 0.5 * (1 + erf(x * SQRT1_2)) + x * INV_SQRT_2PI * Math.exp(-0.5 * x * x),
  },
  gelu_tanh: {
    f: (x) => 0.5 * x * (1 + Math.tanh(SQRT_2_OVER_PI * (x + GELU_CUBIC * x ** 3))),
    df: (x) => {
      const t = Math.tanh(SQRT_2_OVER_PI * (x + GELU_CUBIC * x ** 3));
      return 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * SQRT_2_OVER_PI * (1 + 3 * GELU_CUBIC * x * x);
    },
  },
  silu: { f: (x) => x * sigmoid(x), df: (x) => sigmoid(x) * (1 + x * (1 - sigmoid(x))) },
  elu: {
    f: (x, a) => (x > 0 ? x : a.alpha * Math.expm1(x)),
    df: (x, a) => (x > 0 ? 1 : a.alpha * Math.exp(x)),
    defaults: { alpha: 1 },
  },
  softplus: {
    f: (x, a) => (a.beta * x > a.threshold ? x : Math.log1p(Math.exp(a.beta * x)) / a.beta),
    df: (x, a) => (a.beta * x > a.threshold ? 1 : sigmoid(a.beta * x)),
    defaults: { beta: 1, threshold: 20 },
  },
} satisfies Record<string, Activation>;

export type ActivationName = keyof typeof ACTIVATIONS;
export const ACTIVATION_NAMES = Object.keys(ACTIVATIONS) as ActivationName[];

export function isActivation(name: string): name is ActivationName {
  return Object.hasOwn(ACTIVATIONS, name);
}

/**
 * The WGSL of one activation's f and f', as `activate` and `derivative`, for shaders that append
 * their own entry points (and their `p`) to it.
 */
export function activationWgsl(name: ActivationName): string {
  return `${declarationsUsedBy(functionsWgsl, [`activate_${name}`, `derivative_${name}`])}
fn activate(v: f32) -> f32 { return activate_${name}(v); }
fn derivative(v: f32) -> f32 { return derivative_${name}(v); }
`;
}

/** An activation's parameters with its defaults filled in, as the kernels take them. */
export function activationAttrs(name: ActivationName, attrs: ActivationAttrs = {}): Required<ActivationAttrs> {
  const act: Activation = ACTIVATIONS[name];
  if (!act) throw new Error(`unknown activation "${name}"; expected one of ${ACTIVATION_NAMES.join(', ')}`);
  return { alpha: 0, beta: 1, threshold: 20, ...act.defaults, ...attrs };
}

function kernels(name: ActivationName) {
  const act: Activation = ACTIVATIONS[name];
  const params = { n: 'u32', alpha: 'f32', beta: 'f32', threshold: 'f32' } as const;
  const attrs = (p: { alpha: number; beta: number; threshold: number }) => p;
  const shared = { wgsl: activationWgsl(name) + unaryWgsl, params };
  return {
    forward: defineKernel({
      ...shared,
      name: `${name}_forward`,
      entry: 'forward',
      workgroups: (p, tuning) => strideGroups(p.n, tuning),
      wasm: act.wasm && `${name}_forward`,
      cpu: (p, [x, out]) => {
        for (let i = 0; i < p.n; i++) out[i] = act.f(x[i], attrs(p));
      },
    }),
    backward: defineKernel({
      ...shared,
      name: `${name}_backward`,
      entry: 'backward',
      workgroups: (p, tuning) => strideGroups(p.n, tuning),
      wasm: act.wasm && `${name}_backward`,
      cpu: (p, [x, out, dy]) => {
        for (let i = 0; i < p.n; i++) out[i] = dy[i] * act.df(x[i], attrs(p));
      },
    }),
  };
}

const KERNELS = Object.fromEntries(ACTIVATION_NAMES.map((n) => [n, kernels(n)])) as Record<
  ActivationName,
  ReturnType<typeof kernels>
>;

/** The elementwise forward (x → out) and backward (x, out, dy) kernels of an activation. */
export function activationKernels(name: ActivationName): ReturnType<typeof kernels> {
  return KERNELS[name];
}

/** y = f(x) elementwise; dx = dy · f'(x). */
export function activation(x: Tensor, name: ActivationName, attrs: ActivationAttrs = {}): Tensor {
  const p = { ...activationAttrs(name, attrs), n: x.size };
  const { engine } = x;
  const { forward, backward } = KERNELS[name];
  const y = engine.empty(x.shape);
  engine.run(forward, p, [x, y]);
  return y.recordOp([x], (dy) => {
    const dx = x.gradDestination();
    engine.run(backward, p, [x, dx, dy]);
    return [dx];
  });
}
