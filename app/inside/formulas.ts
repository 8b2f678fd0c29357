// The formulas the page writes beside the activation plot and the loss lens, as plain text: the
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
  /** Where f′ is largest, and what that means for the gradient passing through. */
  slope: string;
}

export const ACTIVATION_FORMULAS: Record<ActivationName, ActivationFormula> = {
  relu: {
    f: 'f(x) = max(0, x)',
    df: 'f′(x) = 1 for x > 0, 0 for x ≤ 0',
    slope: 'The gradient passes whole where z > 0 and not at all where z ≤ 0.',
  },
  leaky_relu: {
    f: `f(x) = x for x > 0, ${LEAKY_RELU_SLOPE}·x for x ≤ 0`,
    df: `f′(x) = 1 for x > 0, ${LEAKY_RELU_SLOPE} for x ≤ 0`,
    slope: `Left of 0 a unit still passes ${LEAKY_RELU_SLOPE} of the gradient, so it can come back.`,
  },
  sigmoid: {
    f: 'f(x) = σ(x) = 1 / (1 + e⁻ˣ)',
    df: 'f′(x) = σ(x)·(1 − σ(x)), at most 0.25 (at x = 0)',
    slope: 'Every sigmoid layer multiplies the gradient by 0.25 at best, and by almost 0 on the tails.',
  },
  tanh: {
    f: 'f(x) = tanh(x) = (eˣ − e⁻ˣ) / (eˣ + e⁻ˣ)',
    df: 'f′(x) = 1 − tanh²(x), at most 1 (at x = 0)',
    slope: 'Near 0 the gradient passes whole; beyond |x| ≈ 3 it all but stops.',
  },
  gelu: {
    f: 'f(x) = x·Φ(x) = ½·x·(1 + erf(x / √2))',
    df: 'f′(x) = Φ(x) + x·φ(x), with φ(x) = e^(−x²/2) / √(2π)',
    slope: 'Like ReLU for large |x|, smooth around 0, slightly negative just left of it.',
  },
  gelu_tanh: {
    f: 'f(x) = ½·x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))',
    df: 'f′(x) = ½·(1 + t) + ½·x·(1 − t²)·√(2/π)·(1 + 3·0.044715·x²), with t the tanh above',
    slope: 'GELU to within a few thousandths, computed without erf.',
  },
  silu: {
    f: 'f(x) = x·σ(x) = x / (1 + e⁻ˣ)',
    df: 'f′(x) = σ(x)·(1 + x·(1 − σ(x)))',
    slope: 'Smooth like GELU: a small dip below 0 left of the origin, then almost x.',
  },
  elu: {
    f: `f(x) = x for x > 0, ${ELU_ALPHA}·(eˣ − 1) for x ≤ 0`,
    df: `f′(x) = 1 for x > 0, ${ELU_ALPHA}·eˣ for x ≤ 0`,
    slope: 'Left of 0 the slope fades smoothly instead of stopping at once.',
  },
  softplus: {
    f: `f(x) = ln(1 + eˣ) (x itself above ${SOFTPLUS_THRESHOLD})`,
    df: 'f′(x) = σ(x) = 1 / (1 + e⁻ˣ)',
    slope: 'A smooth ReLU: its slope is a sigmoid, never exactly 0.',
  },
};

export interface LossFormula {
  /** L = … for one image with target t (y: its one-hot vector), z: the ten logits. */
  value: string;
  /** ∂L/∂zₖ = … */
  gradient: string;
  /** How the loss turns logits into probabilities. */
  probabilities: string;
}

export const LOSS_FORMULAS: Record<LossName, LossFormula> = {
  'cross-entropy': {
    value: 'L = −ln pₜ, with p = softmax(z): pₖ = e^zₖ / Σⱼ e^zⱼ',
    gradient: '∂L/∂zₖ = pₖ − yₖ',
    probabilities: 'softmax: the ten probabilities sum to 1',
  },
  mse: {
    value: 'L = (1/10)·Σₖ (pₖ − yₖ)², with p = softmax(z)',
    gradient: '∂L/∂zₖ = pₖ·(gₖ − Σⱼ gⱼ·pⱼ), with gⱼ = (2/10)·(pⱼ − yⱼ)',
    probabilities: 'softmax: the ten probabilities sum to 1',
  },
  bce: {
    value: 'L = −(1/10)·Σₖ [yₖ·ln σ(zₖ) + (1 − yₖ)·ln(1 − σ(zₖ))]',
    gradient: '∂L/∂zₖ = (σ(zₖ) − yₖ) / 10',
    probabilities: 'ten independent sigmoids σ(zₖ): each digit yes or no, so they need not sum to 1',
  },
};

/** What the one-hot target y means, said once under the loss table. */
export const TARGET_DEFINITION = 'y is the target as one-hot: 1 for the target digit t, 0 for the nine others.';
