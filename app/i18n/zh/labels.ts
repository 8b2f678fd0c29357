import type { labels as english } from '../en/labels';

const activation: typeof english.activation = {
  relu: 'ReLU',
  leaky_relu: 'Leaky ReLU',
  sigmoid: 'Sigmoid',
  tanh: 'Tanh',
  gelu: 'GELU',
  gelu_tanh: 'GELU（tanh 近似）',
  silu: 'SiLU（swish）',
  elu: 'ELU',
  softplus: 'Softplus',
};

export const labels: typeof english = {
  activation,
  activationShort: { ...activation, gelu_tanh: 'GELU（tanh）', silu: 'SiLU' },
  loss: { 'cross-entropy': '交叉熵', mse: '均方误差', bce: '二元交叉熵' },
  lossShort: { 'cross-entropy': '交叉熵', mse: 'MSE', bce: 'BCE' },
  optimizer: { sgd: 'SGD', momentum: '带动量的 SGD', adam: 'Adam' },
  optimizerShort: { sgd: 'SGD', momentum: '动量', adam: 'Adam' },
  normalization: { standard: '标准化（MNIST 的均值和标准差）', symmetric: '[−1, 1]', unit: '[0, 1]' },
  activationParameter: {
    leaky_relu: { label: 'Leaky ReLU 斜率', short: '斜率' },
    elu: { label: 'ELU 的 α', short: 'α' },
  },
};
