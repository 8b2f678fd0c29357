import { ACTIVATION_NAMES, ACTIVATIONS, type ActivationAttrs, type ActivationName } from '../ops/activation';
import { OPTIMIZER_NAMES, type OptimizerName } from '../optim/optimizers';
import { UNLIMITED, estimateTrainingMemory, type DeviceCapacity } from './memory';
import { ENGLISH_PROBLEM_TEXT, describeProblem, describeProblems, rangeText, type ConfigProblem, type ConfigProblems } from './config-problems';

export { rangeText };

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
  leaky_relu: { name: ENGLISH_PROBLEM_TEXT.parameter.leaky_relu, min: 0, max: 1, default: ACTIVATIONS.leaky_relu.defaults.alpha },
  elu: { name: ENGLISH_PROBLEM_TEXT.parameter.elu, min: 0, max: 10, default: ACTIVATIONS.elu.defaults.alpha },
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

const within = (value: number, { min, max }: NumberRange) => Number.isFinite(value) && value >= min && value <= max;
const wholeWithin = (value: number, range: NumberRange) => Number.isInteger(value) && within(value, range);

/** A number as people write it in base 10 ("0.001", "1e-4", "-2", ".5"); NaN for anything else ("0x10", "Infinity", ""). */
export function parseDecimal(text: string): number {
  const trimmed = text.trim();
  return /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(trimmed) ? Number(trimmed) : NaN;
}

/** "128" or "256, 128" → [256, 128]; anything else ("0x10", "1.5", "-3") → the problem with it. */
export function hiddenSizes(text: string): number[] | ConfigProblem {
  const parts = text.split(',').map((s) => s.trim());
  if (parts.length === 1 && parts[0] === '') return [];
  const sizes = parts.map(parseDecimal);
  if (sizes.some((n) => !Number.isInteger(n) || n < 1)) return { field: 'hidden', kind: 'not-layer-sizes', typed: true };
  return sizes;
}

/** hiddenSizes, its problem in English (the CLI's flags). */
export function parseHidden(text: string): number[] | string {
  const sizes = hiddenSizes(text);
  return Array.isArray(sizes) ? sizes : describeProblem(sizes);
}

/** "784-128-10": a network as people write it. */
export const describeLayers = (hidden: readonly number[]) => [INPUT_SIZE, ...hidden, CLASSES].join('-');

/**
 * Every problem with a configuration, by field, before anything is allocated. `capacity` is the
 * device's: a layer too large for one buffer, or a network too large for the device's memory
 * budget altogether, is refused with the limit named.
 */
export function configProblems(config: TrainConfig, capacity: DeviceCapacity = UNLIMITED): ConfigProblems {
  const { maxBufferElements, memoryBudgetBytes } = capacity;
  const problems: ConfigProblems = {};
  const choice = (field: 'activation' | 'loss' | 'optimizer' | 'normalize', choices: readonly string[]) => {
    if (!choices.includes(config[field])) problems[field] = { field, kind: 'unknown-choice', value: String(config[field]), choices };
  };
  const range = (field: Exclude<keyof typeof RANGES, 'hidden'>, whole: boolean) => {
    if (!(whole ? wholeWithin : within)(config[field], RANGES[field])) problems[field] = { field, kind: 'out-of-range', range: RANGES[field], whole };
  };
  choice('activation', ACTIVATION_NAMES);
  choice('loss', LOSS_NAMES);
  choice('optimizer', OPTIMIZER_NAMES);
  if (!Number.isFinite(config.lr) || config.lr <= 0) problems.lr = { field: 'lr', kind: 'not-positive' };
  else range('lr', false);
  range('momentum', false);
  range('weightDecay', false);
  range('batchSize', true);
  range('epochs', true);
  range('seed', true);
  const alpha = config.activationAlpha;
  if (hasActivationParameter(config.activation)) {
    const parameter = ACTIVATION_PARAMETERS[config.activation];
    if (alpha !== undefined && !within(alpha, parameter)) {
      problems.activationAlpha = { field: 'activationAlpha', kind: 'out-of-range', range: parameter, whole: false, parameterOf: config.activation };
    }
  } else if (alpha !== undefined && !Number.isFinite(alpha)) {
    problems.activationAlpha = { field: 'activationAlpha', kind: 'not-a-number', value: String(alpha) };
  }
  choice('normalize', Object.keys(NORMALIZATIONS));
  if (!Number.isInteger(config.lossEvery) || config.lossEvery < 1) problems.lossEvery = { field: 'lossEvery', kind: 'steps-below', min: 1 };
  const hiddenProblem = layersProblem(config, maxBufferElements, memoryBudgetBytes);
  if (hiddenProblem) problems.hidden = hiddenProblem;
  return problems;
}

/** What is wrong with the hidden layers: their sizes, their number, or what they need of the device. */
function layersProblem(config: TrainConfig, maxBufferElements: number, memoryBudgetBytes: number): ConfigProblem | null {
  if (!Array.isArray(config.hidden) || config.hidden.some((n) => !Number.isInteger(n) || n < 1)) return { field: 'hidden', kind: 'not-layer-sizes', typed: false };
  if (config.hidden.length > MAX_HIDDEN_LAYERS) return { field: 'hidden', kind: 'too-many-layers', max: MAX_HIDDEN_LAYERS };
  const rows = Number.isInteger(config.batchSize) ? config.batchSize : 1;
  const sizes = [INPUT_SIZE, ...config.hidden, CLASSES];
  for (let i = 1; i < sizes.length; i++) {
    const largest = Math.max(sizes[i] * sizes[i - 1], sizes[i] * rows);
    if (sizes[i] > MAX_HIDDEN) return { field: 'hidden', kind: 'layer-too-large', units: sizes[i], max: MAX_HIDDEN };
    if (largest > maxBufferElements) return { field: 'hidden', kind: 'buffer-too-large', layer: i, values: largest, limit: maxBufferElements };
  }
  const neededBytes = estimateTrainingMemory(sizes, config.optimizer, rows).bytes;
  if (neededBytes > memoryBudgetBytes) {
    return { field: 'hidden', kind: 'over-memory-budget', layers: describeLayers(config.hidden), optimizer: config.optimizer, batchSize: config.batchSize, neededBytes, budgetBytes: memoryBudgetBytes };
  }
  return null;
}

/** configProblems in English, by field: what the CLI, the engine's errors and the files' checks say. */
export function validateConfig(config: TrainConfig, capacity: DeviceCapacity = UNLIMITED): Partial<Record<keyof TrainConfig, string>> {
  return describeProblems(configProblems(config, capacity));
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
