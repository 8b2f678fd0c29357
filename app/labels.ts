// The words the page uses for the engine's names: long ones for the dropdowns, short ones for run names.
import type { ActivationName, LossName, NormalizationName, OptimizerName, ParameterizedActivation } from '../gpu';

export const ACTIVATION_LABELS: Record<ActivationName, string> = {
  relu: 'ReLU',
  leaky_relu: 'Leaky ReLU',
  sigmoid: 'Sigmoid',
  tanh: 'Tanh',
  gelu: 'GELU',
  gelu_tanh: 'GELU (tanh approximation)',
  silu: 'SiLU (swish)',
  elu: 'ELU',
  softplus: 'Softplus',
};

export const ACTIVATION_SHORT_LABELS: Record<ActivationName, string> = {
  ...ACTIVATION_LABELS,
  gelu_tanh: 'GELU (tanh)',
  silu: 'SiLU',
};

export const LOSS_LABELS: Record<LossName, string> = {
  'cross-entropy': 'Cross-entropy',
  mse: 'Mean squared error',
  bce: 'Binary cross-entropy',
};

/** In the middle of a run's name, as in "ReLU · cross-entropy · Adam 0.001". */
export const LOSS_SHORT_LABELS: Record<LossName, string> = {
  'cross-entropy': 'cross-entropy',
  mse: 'MSE',
  bce: 'BCE',
};

export const OPTIMIZER_LABELS: Record<OptimizerName, string> = {
  sgd: 'SGD',
  momentum: 'SGD with momentum',
  adam: 'Adam',
};

export const OPTIMIZER_SHORT_LABELS: Record<OptimizerName, string> = {
  sgd: 'SGD',
  momentum: 'Momentum',
  adam: 'Adam',
};

export const NORMALIZATION_LABELS: Record<NormalizationName, string> = {
  standard: 'Standard (MNIST’s mean and std)',
  symmetric: '[−1, 1]',
  unit: '[0, 1]',
};

/** The form's names of the activations' parameters; in a run's name, the short one. */
export const ACTIVATION_PARAMETER_LABELS: Record<ParameterizedActivation, { label: string; short: string }> = {
  leaky_relu: { label: 'Leaky ReLU slope', short: 'slope' },
  elu: { label: 'ELU alpha', short: 'α' },
};
