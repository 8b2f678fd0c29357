// The names of the engine's choices as people write them: long ones for the dropdowns, short ones in
// run names ("ReLU · cross-entropy · Adam 0.001"). The address and the CLI keep the engine's names.
import type { ActivationName, LossName, NormalizationName, OptimizerName, ParameterizedActivation } from '../../../gpu';

const activation = {
  relu: 'ReLU',
  leaky_relu: 'Leaky ReLU',
  sigmoid: 'Sigmoid',
  tanh: 'Tanh',
  gelu: 'GELU',
  gelu_tanh: 'GELU (tanh approximation)',
  silu: 'SiLU (swish)',
  elu: 'ELU',
  softplus: 'Softplus',
} satisfies Record<ActivationName, string>;

export const labels = {
  activation,
  activationShort: { ...activation, gelu_tanh: 'GELU (tanh)', silu: 'SiLU' } satisfies Record<ActivationName, string>,
  loss: { 'cross-entropy': 'Cross-entropy', mse: 'Mean squared error', bce: 'Binary cross-entropy' } satisfies Record<LossName, string>,
  /** In the middle of a run's name. */
  lossShort: { 'cross-entropy': 'cross-entropy', mse: 'MSE', bce: 'BCE' } satisfies Record<LossName, string>,
  optimizer: { sgd: 'SGD', momentum: 'SGD with momentum', adam: 'Adam' } satisfies Record<OptimizerName, string>,
  optimizerShort: { sgd: 'SGD', momentum: 'Momentum', adam: 'Adam' } satisfies Record<OptimizerName, string>,
  normalization: { standard: 'Standard (MNIST’s mean and std)', symmetric: '[−1, 1]', unit: '[0, 1]' } satisfies Record<NormalizationName, string>,
  /** The form's names of the activations' parameters; in a run's name, the short one. */
  activationParameter: {
    leaky_relu: { label: 'Leaky ReLU slope', short: 'slope' },
    elu: { label: 'ELU alpha', short: 'α' },
  } satisfies Record<ParameterizedActivation, { label: string; short: string }>,
};
