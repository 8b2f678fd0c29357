// A configuration's problems as data (which field, what kind, the numbers involved), so that every
// reader gets them in its own words: the CLI and the engine's errors in English through
// ENGLISH_PROBLEM_TEXT, a page in another language through a phrase book of the same shape, or as
// descriptions that a page words when it shows them (describeProblemAs).
import { formatBytes } from './memory';
import type { NumberRange, ParameterizedActivation, TrainConfig } from './config';

export type ConfigField = keyof TrainConfig;

export type ConfigProblem = { field: ConfigField } & (
  | { kind: 'unknown-choice'; value: string; choices: readonly string[] }
  | { kind: 'not-positive' }
  | { kind: 'out-of-range'; range: NumberRange; whole: boolean; parameterOf?: ParameterizedActivation }
  | { kind: 'not-a-number'; value: string }
  | { kind: 'steps-below'; min: number }
  /** Hidden layer sizes that are not positive whole numbers; `typed` when read from text, where an example helps. */
  | { kind: 'not-layer-sizes'; typed: boolean }
  | { kind: 'too-many-layers'; max: number }
  | { kind: 'layer-too-large'; units: number; max: number }
  | { kind: 'buffer-too-large'; layer: number; values: number; limit: number }
  | { kind: 'over-memory-budget'; layers: string; optimizer: string; batchSize: number; neededBytes: number; budgetBytes: number }
);

/** The problems of a configuration, by field: at most one a field. */
export type ConfigProblems = Partial<Record<ConfigField, ConfigProblem>>;

/** The words of every problem in English: the CLI's, and the page's English catalogue's. */
export const ENGLISH_PROBLEM_TEXT = {
  /** What each field is called where a message names it. */
  subject: {
    hidden: 'hidden layers',
    activation: 'activation',
    loss: 'loss',
    optimizer: 'optimizer',
    lr: 'learning rate',
    momentum: 'momentum',
    weightDecay: 'weight decay',
    batchSize: 'batch size',
    epochs: 'epochs',
    seed: 'seed',
    normalize: 'normalization',
    activationAlpha: "the activation's parameter",
    lossEvery: 'loss read-back interval',
  } satisfies Record<ConfigField, string>,
  /** The activation's parameter by name, where the activation has one (ACTIVATION_PARAMETERS's keys, which take these names). */
  parameter: { leaky_relu: "Leaky ReLU's negative slope", elu: "ELU's alpha" },
  /** "0.000001 to 100": a range, its ends written out. */
  range: (min: string, max: string) => `${min} to ${max}`,
  /** Between the choices a message lists. */
  listSeparator: ', ',
  unknownChoice: (subject: string, value: string, choices: string) => `unknown ${subject} "${value}"; choose one of ${choices}`,
  notPositive: (subject: string) => `${subject} must be a positive number`,
  outOfRange: (subject: string, range: string) => `${subject} must be a number from ${range}`,
  wholeOutOfRange: (subject: string, range: string) => `${subject} must be a whole number from ${range}`,
  notANumber: (subject: string, value: string) => `${subject} must be a number, not ${value}`,
  stepsBelow: (subject: string, min: number) => `${subject} must be a whole number of steps ≥ ${min}`,
  notLayerSizes: (subject: string) => `${subject} must be positive whole numbers`,
  layerSizesExample: (message: string) => `${message}, like "128" or "256,128"`,
  tooManyLayers: (max: number) => `at most ${max} hidden layers`,
  layerTooLarge: (units: number, max: number) => `a hidden layer of ${units} units is larger than the limit of ${max}`,
  bufferTooLarge: (layer: number, values: number, limit: number) => `layer ${layer} needs a buffer of ${values} values, beyond this device's limit of ${limit} per buffer`,
  overMemoryBudget: (layers: string, optimizer: string, batchSize: number, needed: string, budget: string) =>
    `${layers} with ${optimizer} at batch ${batchSize} needs about ${needed} of device memory, beyond this device's budget of ${budget}`,
};

export type ProblemText = typeof ENGLISH_PROBLEM_TEXT;

/**
 * Words for every problem, as `R`: English strings (ENGLISH_PROBLEM_TEXT), a page's phrase book, or
 * descriptions that a page words later, in the language it speaks then.
 */
export interface ProblemWords<R> {
  subject: Record<ConfigField, R>;
  parameter: Record<ParameterizedActivation, R>;
  range: (min: string, max: string) => R;
  listSeparator: R;
  unknownChoice: (subject: R, value: string, choices: R) => R;
  notPositive: (subject: R) => R;
  outOfRange: (subject: R, range: R) => R;
  wholeOutOfRange: (subject: R, range: R) => R;
  notANumber: (subject: R, value: string) => R;
  stepsBelow: (subject: R, min: number) => R;
  notLayerSizes: (subject: R) => R;
  layerSizesExample: (message: R) => R;
  tooManyLayers: (max: number) => R;
  layerTooLarge: (units: number, max: number) => R;
  bufferTooLarge: (layer: number, values: number, limit: number) => R;
  overMemoryBudget: (layers: string, optimizer: string, batchSize: number, needed: string, budget: string) => R;
}

/** Choices listed with a separator, as `R`. */
export type ListWords<R> = (items: readonly string[], separator: R) => R;

/** A number as a range writes it: no grouping, every digit it has ("0.000001", "4294967295"). */
const plain = (n: number) => n.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 });

const rangeIn = <R>({ min, max }: NumberRange, text: ProblemWords<R>): R => text.range(plain(min), plain(max));

/** A range as the form's hints and the messages write it: "0.000001 to 100", "0 to 4294967295". */
export function rangeText(range: NumberRange, text: ProblemText = ENGLISH_PROBLEM_TEXT): string {
  return rangeIn(range, text);
}

/** One problem in the words of `text`, its choices listed by `list`. */
export function describeProblemAs<R>(problem: ConfigProblem, text: ProblemWords<R>, list: ListWords<R>): R {
  const subject = text.subject[problem.field];
  switch (problem.kind) {
    case 'unknown-choice':
      return text.unknownChoice(subject, problem.value, list(problem.choices, text.listSeparator));
    case 'not-positive':
      return text.notPositive(subject);
    case 'out-of-range': {
      const named = problem.parameterOf ? text.parameter[problem.parameterOf] : subject;
      return (problem.whole ? text.wholeOutOfRange : text.outOfRange)(named, rangeIn(problem.range, text));
    }
    case 'not-a-number':
      return text.notANumber(subject, problem.value);
    case 'steps-below':
      return text.stepsBelow(subject, problem.min);
    case 'not-layer-sizes': {
      const message = text.notLayerSizes(subject);
      return problem.typed ? text.layerSizesExample(message) : message;
    }
    case 'too-many-layers':
      return text.tooManyLayers(problem.max);
    case 'layer-too-large':
      return text.layerTooLarge(problem.units, problem.max);
    case 'buffer-too-large':
      return text.bufferTooLarge(problem.layer, problem.values, problem.limit);
    case 'over-memory-budget':
      return text.overMemoryBudget(problem.layers, problem.optimizer, problem.batchSize, formatBytes(problem.neededBytes), formatBytes(problem.budgetBytes));
  }
}

const listText: ListWords<string> = (items, separator) => items.join(separator);

/** One problem in the words of `text`. */
export function describeProblem(problem: ConfigProblem, text: ProblemText = ENGLISH_PROBLEM_TEXT): string {
  return describeProblemAs(problem, text, listText);
}

/** Every problem in the words of `text`, by field. */
export function describeProblems(problems: ConfigProblems, text: ProblemText = ENGLISH_PROBLEM_TEXT): Partial<Record<ConfigField, string>> {
  return Object.fromEntries(Object.entries(problems).map(([field, problem]) => [field, describeProblem(problem, text)]));
}
