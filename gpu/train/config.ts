import { ACTIVATION_NAMES, isActivation, type ActivationName } from '../ops/activation';
import { OPTIMIZER_NAMES, type OptimizerName } from '../optim/optimizers';
import { UNLIMITED, estimateTrainingMemory, formatBytes, type DeviceCapacity } from './memory';

export const LOSS_NAMES = ['cross-entropy', 'mse', 'bce'] as const;
export type LossName = (typeof LOSS_NAMES)[number];

/** Input scalings: standard (MNIST's mean and std), symmetric ([−1, 1]) and unit ([0, 1]). */
export const NORMALIZATIONS = {
  standard: { mean: 0.1307, std: 0.3081 },
  symmetric: { mean: 0.5, std: 0.5 },
  unit: { mean: 0, std: 1 },
} as const;
export type NormalizationName = keyof typeof NORMALIZATIONS;

export interface TrainConfig {
  hidden: number[];
  activation: ActivationName;
  loss: LossName;
  optimizer: OptimizerName;
  lr: number;
  momentum: number;
  weightDecay: number;
  batchSize: number;
  epochs: number;
  seed: number;
  normalize: NormalizationName;
  /** Read the training loss back every this many steps (the chart's resolution). */
  lossEvery: number;
}

export const DEFAULT_CONFIG: TrainConfig = {
  hidden: [128],
  activation: 'relu',
  loss: 'cross-entropy',
  optimizer: 'adam',
  lr: 1e-3,
  momentum: 0.9,
  weightDecay: 0,
  batchSize: 128,
  epochs: 3,
  seed: 1,
  normalize: 'standard',
  lossEvery: 10,
};

/**
 * Learning rates that mean something: below the least, float32 weights barely move; above the
 * most, every configuration here diverges at once (up to it, a learner can watch how).
 */
export const LR_RANGE = { min: 1e-6, max: 100 } as const;

/** A number as people write it in base 10 ("0.001", "1e-4", "-2", ".5"); NaN for anything else ("0x10", "Infinity", ""). */
export function parseDecimal(text: string): number {
  const trimmed = text.trim();
  return /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(trimmed) ? Number(trimmed) : NaN;
}

export const INPUT_SIZE = 784;
export const CLASSES = 10;
export const MAX_HIDDEN = 8192;
export const MAX_BATCH = 8192;

/** "128" or "256, 128" → [256, 128]; anything else → an error message. */
export function parseHidden(text: string): number[] | string {
  const parts = text.split(',').map((s) => s.trim());
  if (parts.length === 1 && parts[0] === '') return [];
  const sizes = parts.map(Number);
  if (sizes.some((n) => !Number.isInteger(n) || n < 1)) return `hidden layers must be positive whole numbers, like "128" or "256,128"`;
  return sizes;
}

/** "784-128-10": a network as people write it. */
export const describeLayers = (hidden: readonly number[]) => [INPUT_SIZE, ...hidden, CLASSES].join('-');

/**
 * Every problem with a configuration, by field, before anything is allocated. `capacity` is the
 * device's: a layer too large for one buffer, or a network too large for the device's memory
 * budget altogether, is refused with the limit named.
 */
export function validateConfig(config: TrainConfig, capacity: DeviceCapacity = UNLIMITED): Partial<Record<keyof TrainConfig, string>> {
  const { maxBufferElements, memoryBudgetBytes } = capacity;
  const errors: Partial<Record<keyof TrainConfig, string>> = {};
  if (!isActivation(config.activation)) errors.activation = `unknown activation "${config.activation}"; choose one of ${ACTIVATION_NAMES.join(', ')}`;
  if (!(LOSS_NAMES as readonly string[]).includes(config.loss)) errors.loss = `unknown loss "${config.loss}"; choose one of ${LOSS_NAMES.join(', ')}`;
  if (!(OPTIMIZER_NAMES as readonly string[]).includes(config.optimizer)) {
    errors.optimizer = `unknown optimizer "${config.optimizer}"; choose one of ${OPTIMIZER_NAMES.join(', ')}`;
  }
  if (!Number.isFinite(config.lr) || config.lr <= 0) errors.lr = 'learning rate must be a positive number';
  else if (config.lr < LR_RANGE.min || config.lr > LR_RANGE.max) errors.lr = `learning rate must be from ${LR_RANGE.min.toFixed(6)} to ${LR_RANGE.max}`;
  if (!Number.isFinite(config.momentum) || config.momentum < 0 || config.momentum >= 1) errors.momentum = 'momentum must be in [0, 1)';
  if (!Number.isFinite(config.weightDecay) || config.weightDecay < 0) errors.weightDecay = 'weight decay must be 0 or more';
  if (!Number.isInteger(config.batchSize) || config.batchSize < 1 || config.batchSize > MAX_BATCH) {
    errors.batchSize = `batch size must be a whole number from 1 to ${MAX_BATCH}`;
  }
  if (!Number.isInteger(config.epochs) || config.epochs < 1 || config.epochs > 1000) errors.epochs = 'epochs must be a whole number from 1 to 1000';
  if (!Number.isInteger(config.seed) || config.seed < 0 || config.seed > 0xffffffff) errors.seed = 'seed must be a whole number from 0 to 4294967295';
  if (!Object.hasOwn(NORMALIZATIONS, config.normalize)) errors.normalize = `normalize must be one of ${Object.keys(NORMALIZATIONS).join(', ')}`;
  if (!Number.isInteger(config.lossEvery) || config.lossEvery < 1) errors.lossEvery = 'loss read-back interval must be a whole number of steps ≥ 1';
  if (!Array.isArray(config.hidden) || config.hidden.some((n) => !Number.isInteger(n) || n < 1)) {
    errors.hidden = 'hidden layers must be positive whole numbers';
  } else if (config.hidden.length > 8) {
    errors.hidden = 'at most 8 hidden layers';
  } else {
    const sizes = [INPUT_SIZE, ...config.hidden, CLASSES];
    for (let i = 1; i < sizes.length; i++) {
      const weights = sizes[i] * sizes[i - 1];
      const activations = sizes[i] * (Number.isInteger(config.batchSize) ? config.batchSize : 1);
      const largest = Math.max(weights, activations);
      if (sizes[i] > MAX_HIDDEN) {
        errors.hidden = `a hidden layer of ${sizes[i]} units is larger than the limit of ${MAX_HIDDEN}`;
        break;
      }
      if (largest > maxBufferElements) {
        errors.hidden = `layer ${i} needs a buffer of ${largest} values, beyond this device's limit of ${maxBufferElements} per buffer`;
        break;
      }
    }
    const needed = estimateTrainingMemory(sizes, config.optimizer, Number.isInteger(config.batchSize) ? config.batchSize : 1).bytes;
    if (!errors.hidden && needed > memoryBudgetBytes) {
      errors.hidden =
        `${describeLayers(config.hidden)} with ${config.optimizer} at batch ${config.batchSize} needs about ${formatBytes(needed)} ` +
        `of device memory, beyond this device's budget of ${formatBytes(memoryBudgetBytes)}`;
    }
  }
  return errors;
}

/**
 * Rows trained after `step` steps of `batchSize` over `trainCount` samples: every batch is full
 * but an epoch's last, which takes what is left.
 */
export function samplesSeen(step: number, batchSize: number, trainCount: number): number {
  const stepsPerEpoch = Math.ceil(trainCount / batchSize);
  const epochs = Math.floor(step / stepsPerEpoch);
  return epochs * trainCount + (step - epochs * stepsPerEpoch) * batchSize;
}
