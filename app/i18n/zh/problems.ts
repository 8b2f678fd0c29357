import type { OptimizerName } from '../../../gpu';
import type { problems as english } from '../en/problems';
import { labels } from './labels';

export const problems: typeof english = {
  subject: {
    hidden: '隐藏层',
    activation: '激活函数',
    loss: '损失函数',
    optimizer: '优化器',
    lr: '学习率',
    momentum: '动量',
    weightDecay: '权重衰减',
    batchSize: '批大小',
    epochs: '轮数',
    seed: '随机种子',
    normalize: '输入归一化',
    activationAlpha: '激活函数的参数',
    lossEvery: '损失读回间隔',
  },
  parameter: { leaky_relu: 'Leaky ReLU 的负半轴斜率', elu: 'ELU 的 α' },
  range: (min, max) => `${min} 到 ${max}`,
  listSeparator: '、',
  unknownChoice: (subject, value, choices) => `未知的${subject}“${value}”；请从 ${choices} 中选择`,
  notPositive: (subject) => `${subject}必须是正数`,
  outOfRange: (subject, range) => `${subject}必须是 ${range} 之间的数`,
  wholeOutOfRange: (subject, range) => `${subject}必须是 ${range} 之间的整数`,
  notANumber: (subject, value) => `${subject}必须是数字，而不是 ${value}`,
  stepsBelow: (subject, min) => `${subject}必须是不小于 ${min} 的整数步`,
  notLayerSizes: (subject) => `${subject}的大小必须是正整数`,
  layerSizesExample: (message) => `${message}，例如“128”或“256,128”`,
  tooManyLayers: (max) => `隐藏层最多 ${max} 层`,
  layerTooLarge: (units, max) => `${units} 个单元的隐藏层超过了上限 ${max}`,
  bufferTooLarge: (layer, values, limit) => `第 ${layer} 层需要一个 ${values} 个值的缓冲区，超出了本设备每个缓冲区 ${limit} 个值的上限`,
  overMemoryBudget: (layers, optimizer, batchSize, needed, budget) =>
    `${layers} 用 ${labels.optimizer[optimizer as OptimizerName] ?? optimizer}、批大小 ${batchSize} 训练约需 ${needed} 显存，超出了本设备 ${budget} 的预算`,
};
