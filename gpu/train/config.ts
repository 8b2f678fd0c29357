import { ACTIVATION_NAMES, ACTIVATIONS, isActivation, type ActivationAttrs, type ActivationName } from '../ops/activation';
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
  /**
   * Leaky ReLU's negative slope or ELU's alpha (see ACTIVATION_PARAMETERS). Absent, the
   * activation's default, which is how runs, checkpoints and files from before it was settable
   * read; the other activations have no such parameter and pay it no attention.
   */
  activationAlpha?: number;
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

export interface NumberRange {
  min: number;
  max: number;
}

/**
 * Learning rates that mean something: below the least, float32 weights barely move; above the
 * most, every configuration here diverges at once (up to it, a learner can watch how).
 */
export const LR_RANGE = { min: 1e-6, max: 100 } as const satisfies NumberRange;

export const INPUT_SIZE = 784;
export const CLASSES = 10;
export const MAX_HIDDEN = 8192;
export const MAX_BATCH = 8192;
export const MAX_HIDDEN_LAYERS = 8;

/**
 * The values each numeric setting takes, ends included. Momentum above 0.999 averages over more
 * steps than most runs have; a weight decay above 0.1 shrinks the weights faster than any
 * gradient here grows them.
 */
export const RANGES = {
  lr: LR_RANGE,
  momentum: { min: 0, max: 0.999 },
  weightDecay: { min: 0, max: 0.1 },
  batchSize: { min: 1, max: MAX_BATCH },
  epochs: { min: 1, max: 1000 },
  seed: { min: 0, max: 0xffffffff },
  hidden: { min: 1, max: MAX_HIDDEN },
} as const satisfies Partial<Record<keyof TrainConfig, NumberRange>>;

/**
 * The activations that take a parameter (TrainConfig.activationAlpha), what it is called, and the
 * values that mean something: a slope of 0 is ReLU and of 1 a straight line; an ELU alpha of 0
 * is ReLU, and beyond 10 its negative side dwarfs the positive.
 */
export const ACTIVATION_PARAMETERS = {
  leaky_relu: { name: "Leaky ReLU's negative slope", min: 0, max: 1, default: ACTIVATIONS.leaky_relu.defaults.alpha },
  elu: { name: "ELU's alpha", min: 0, max: 10, default: ACTIVATIONS.elu.defaults.alpha },
} as const satisfies Partial<Record<ActivationName, NumberRange & { name: string; default: number }>>;
export type ParameterizedActivation = keyof typeof ACTIVATION_PARAMETERS;

export const hasActivationParameter = (activation: string): activation is ParameterizedActivation => Object.hasOwn(ACTIVATION_PARAMETERS, activation);

/** The activation's parameter the run trains with (its default when the config does not say), or undefined for an activation without one. */
export function activationAlphaOf(config: Pick<TrainConfig, 'activation' | 'activationAlpha'>): number | undefined {
  if (!hasActivationParameter(config.activation)) return undefined;
  return config.activationAlpha ?? ACTIVATION_PARAMETERS[config.activation].default;
}

/** The parameters the run's activation kernels take. */
export function activationAttrsOf(config: Pick<TrainConfig, 'activation' | 'activationAlpha'>): ActivationAttrs {
  const alpha = activationAlphaOf(config);
  return alpha === undefined ? {} : { alpha };
}

/** A range as the form's hints and the messages write it: "0.000001 to 100", "0 to 4294967295". */
export function rangeText({ min, max }: NumberRange): string {
  const plain = (n: number) => n.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 });
  return `${plain(min)} to ${plain(max)}`;
}

const within = (value: number, { min, max }: NumberRange) => Number.isFinite(value) && value >= min && value <= max;
const wholeWithin = (value: number, range: NumberRange) => Number.isInteger(value) && within(value, range);

/** A number as people write it in base 10 ("0.001", "1e-4", "-2", ".5"); NaN for anything else ("0x10", "Infinity", ""). */
export function parseDecimal(text: string): number {
  const trimmed = text.trim();
  return /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(trimmed) ? Number(trimmed) : NaN;
}

/** "128" or "256, 128" → [256, 128]; anything else ("0x10", "1.5", "-3") → an error message. */
export function parseHidden(text: string): number[] | string {
  const parts = text.split(',').map((s) => s.trim());
  if (parts.length === 1 && parts[0] === '') return [];
  const sizes = parts.map(parseDecimal);
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
  else if (!within(config.lr, RANGES.lr)) errors.lr = `learning rate must be from ${rangeText(RANGES.lr)}`;
  if (!within(config.momentum, RANGES.momentum)) errors.momentum = `momentum must be a number from ${rangeText(RANGES.momentum)}`;
  if (!within(config.weightDecay, RANGES.weightDecay)) errors.weightDecay = `weight decay must be a number from ${rangeText(RANGES.weightDecay)}`;
  if (!wholeWithin(config.batchSize, RANGES.batchSize)) errors.batchSize = `batch size must be a whole number from ${rangeText(RANGES.batchSize)}`;
  if (!wholeWithin(config.epochs, RANGES.epochs)) errors.epochs = `epochs must be a whole number from ${rangeText(RANGES.epochs)}`;
  if (!wholeWithin(config.seed, RANGES.seed)) errors.seed = `seed must be a whole number from ${rangeText(RANGES.seed)}`;
  const alpha = config.activationAlpha;
  if (hasActivationParameter(config.activation)) {
    const parameter = ACTIVATION_PARAMETERS[config.activation];
    if (alpha !== undefined && !within(alpha, parameter)) errors.activationAlpha = `${parameter.name} must be a number from ${rangeText(parameter)}`;
  } else if (alpha !== undefined && !Number.isFinite(alpha)) {
    errors.activationAlpha = `the activation's parameter must be a number, not ${String(alpha)}`;
  }
  if (!Object.hasOwn(NORMALIZATIONS, config.normalize)) errors.normalize = `normalize must be one of ${Object.keys(NORMALIZATIONS).join(', ')}`;
  if (!Number.isInteger(config.lossEvery) || config.lossEvery < 1) errors.lossEvery = 'loss read-back interval must be a whole number of steps ≥ 1';
  if (!Array.isArray(config.hidden) || config.hidden.some((n) => !Number.isInteger(n) || n < 1)) {
    errors.hidden = 'hidden layers must be positive whole numbers';
  } else if (config.hidden.length > MAX_HIDDEN_LAYERS) {
    errors.hidden = `at most ${MAX_HIDDEN_LAYERS} hidden layers`;
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
