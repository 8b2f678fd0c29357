// The settings form as text, and its translation into a training configuration.
import {
  ACTIVATION_PARAMETERS,
  DEFAULT_CONFIG,
  activationAlphaOf,
  configProblems,
  describeProblem,
  hasActivationParameter,
  hiddenSizes,
  parseDecimal,
  type DeviceCapacity,
  type ParameterizedActivation,
  type ProblemText,
  type TrainConfig,
} from '../gpu';
import { messages } from './i18n/messages';

/** The engine's defaults, with the loss read back every step so the chart and Step show each one. */
export const APP_DEFAULT_CONFIG: TrainConfig = { ...DEFAULT_CONFIG, epochs: 3 };

export interface ConfigDraft {
  activation: string;
  loss: string;
  optimizer: string;
  lr: string;
  batchSize: string;
  hidden: string;
  epochs: string;
  seed: string;
  normalize: string;
  momentum: string;
  weightDecay: string;
  /** Leaky ReLU's negative slope and ELU's alpha, each kept while the other activation is chosen. */
  leakySlope: string;
  eluAlpha: string;
}

export type DraftField = keyof ConfigDraft;
export type DraftErrors = Partial<Record<DraftField, string>>;

/** The form's field for each activation's parameter (TrainConfig.activationAlpha). */
export const ALPHA_FIELDS = { leaky_relu: 'leakySlope', elu: 'eluAlpha' } as const satisfies Record<ParameterizedActivation, DraftField>;

/** The field of the activation parameter `activation` takes, or null for one without. */
export const alphaField = (activation: string): DraftField | null => (hasActivationParameter(activation) ? ALPHA_FIELDS[activation] : null);

/**
 * Whether a field says anything about the run the form describes: momentum only for SGD with
 * momentum, an activation's parameter only for its activation. The others always.
 */
export function fieldApplies(field: DraftField, draft: Pick<ConfigDraft, 'activation' | 'optimizer'>): boolean {
  if (field === 'momentum') return draft.optimizer === 'momentum';
  if (field === 'leakySlope' || field === 'eluAlpha') return alphaField(draft.activation) === field;
  return true;
}

export function draftFrom(config: TrainConfig): ConfigDraft {
  const alphaText = (activation: ParameterizedActivation) =>
    String(config.activation === activation ? activationAlphaOf(config) : ACTIVATION_PARAMETERS[activation].default);
  return {
    activation: config.activation,
    loss: config.loss,
    optimizer: config.optimizer,
    lr: String(config.lr),
    batchSize: String(config.batchSize),
    hidden: config.hidden.join(','),
    epochs: String(config.epochs),
    seed: String(config.seed),
    normalize: config.normalize,
    momentum: String(config.momentum),
    weightDecay: String(config.weightDecay),
    leakySlope: alphaText('leaky_relu'),
    eluAlpha: alphaText('elu'),
  };
}

/**
 * The configuration the form describes, and a message for every field that is not valid, in the
 * words of `text` (the page's language unless told). `capacity` is the device's as the worker
 * reported it, when known: the network must fit one buffer a layer and the memory budget in all.
 */
export function configFromDraft(draft: ConfigDraft, capacity?: DeviceCapacity, text: ProblemText = messages().problems): { config: TrainConfig; errors: DraftErrors } {
  const hidden = hiddenSizes(draft.hidden);
  const alphaAt = alphaField(draft.activation);
  const config: TrainConfig = {
    ...APP_DEFAULT_CONFIG,
    activation: draft.activation as TrainConfig['activation'],
    loss: draft.loss as TrainConfig['loss'],
    optimizer: draft.optimizer as TrainConfig['optimizer'],
    lr: parseDecimal(draft.lr),
    batchSize: parseDecimal(draft.batchSize),
    hidden: Array.isArray(hidden) ? hidden : [],
    epochs: parseDecimal(draft.epochs),
    seed: parseDecimal(draft.seed),
    normalize: draft.normalize as TrainConfig['normalize'],
    momentum: parseDecimal(draft.momentum),
    weightDecay: parseDecimal(draft.weightDecay),
  };
  if (alphaAt) config.activationAlpha = parseDecimal(draft[alphaAt]);
  const found = configProblems(config, capacity);
  if (!Array.isArray(hidden)) found.hidden = hidden;
  const errors: DraftErrors = {};
  for (const field of Object.keys(draft) as DraftField[]) {
    const problem = field === alphaAt ? found.activationAlpha : found[field as keyof TrainConfig];
    if (problem && fieldApplies(field, draft)) errors[field] = describeProblem(problem, text);
  }
  // A momentum the form hides (another optimizer is chosen) is no reason to refuse the run: no step reads it.
  if (found.momentum && !errors.momentum) config.momentum = APP_DEFAULT_CONFIG.momentum;
  return { config, errors };
}
