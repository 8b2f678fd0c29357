// The formulas the page writes beside the activation plot and the loss lens, as plain text in the
// notation of every language (so they are not in the catalogues; the prose about them is): the
// same functions the engine computes (gpu/ops/activation.ts, gpu/ops/losses.ts), with the engine's
// parameter values, so that what the reader sees written is what the curve and the numbers are.
import type { ActivationName, LossName } from '../../gpu';

/** The engine's defaults for the parameterised activations (a test checks them against the engine's). */
export const LEAKY_RELU_SLOPE = 0.01;
export const ELU_ALPHA = 1;
export const SOFTPLUS_THRESHOLD = 20;

export interface ActivationFormula {
  /** f(x) = … */
  f: string;
  /** f′(x) = … */
  df: string;
}

export const ACTIVATION_FORMULAS: Record<ActivationName, ActivationFormula> = {
  relu: {
    f: 'f(x) = max(0, x)',
    df: 'f′(x) = 1 (x > 0), 0 (x ≤ 0)',
  },
  leaky_relu: {
    f: `f(x) = x (x > 0), ${LEAKY_RELU_SLOPE}·x (x ≤ 0)`,
    df: `f′(x) = 1 (x > 0), ${LEAKY_RELU_SLOPE} (x ≤ 0)`,
  },
  sigmoid: {
    f: 'f(x) = σ(x) = 1 / (1 + e⁻ˣ)',
    df: 'f′(x) = σ(x)·(1 − σ(x)) ≤ f′(0) = 0.25',
  },
  tanh: {
    f: 'f(x) = tanh(x) = (eˣ − e⁻ˣ) / (eˣ + e⁻ˣ)',
    df: 'f′(x) = 1 − tanh²(x) ≤ f′(0) = 1',
  },
  gelu: {
    f: 'f(x) = x·Φ(x) = ½·x·(1 + erf(x / √2))',
    df: 'f′(x) = Φ(x) + x·φ(x); φ(x) = e^(−x²/2) / √(2π)',
  },
  gelu_tanh: {
    f: 'f(x) = ½·x·(1 + t); t = tanh(√(2/π)·(x + 0.044715·x³))',
    df: 'f′(x) = ½·(1 + t) + ½·x·(1 − t²)·√(2/π)·(1 + 3·0.044715·x²)',
  },
  silu: {
    f: 'f(x) = x·σ(x) = x / (1 + e⁻ˣ)',
    df: 'f′(x) = σ(x)·(1 + x·(1 − σ(x)))',
  },
  elu: {
    f: `f(x) = x (x > 0), ${ELU_ALPHA}·(eˣ − 1) (x ≤ 0)`,
    df: `f′(x) = 1 (x > 0), ${ELU_ALPHA}·eˣ (x ≤ 0)`,
  },
  softplus: {
    f: `f(x) = ln(1 + eˣ) (x ≤ ${SOFTPLUS_THRESHOLD}), x (x > ${SOFTPLUS_THRESHOLD})`,
    df: 'f′(x) = σ(x) = 1 / (1 + e⁻ˣ)',
  },
};

export interface LossFormula {
  /** L = … for one image with target t (y: its one-hot vector), z: the ten logits. */
  value: string;
  /** ∂L/∂zₖ = … */
  gradient: string;
}

export const LOSS_FORMULAS: Record<LossName, LossFormula> = {
  'cross-entropy': {
    value: 'L = −ln pₜ; p = softmax(z): pₖ = e^zₖ / Σⱼ e^zⱼ',
    gradient: '∂L/∂zₖ = pₖ − yₖ',
  },
  mse: {
    value: 'L = (1/10)·Σₖ (pₖ − yₖ)²; p = softmax(z)',
    gradient: '∂L/∂zₖ = pₖ·(gₖ − Σⱼ gⱼ·pⱼ); gⱼ = (2/10)·(pⱼ − yⱼ)',
  },
  bce: {
    value: 'L = −(1/10)·Σₖ [yₖ·ln σ(zₖ) + (1 − yₖ)·ln(1 − σ(zₖ))]',
    gradient: '∂L/∂zₖ = (σ(zₖ) − yₖ) / 10',
  },
};
