// The settings form as text, and its translation into a training configuration.
import { DEFAULT_CONFIG, parseDecimal, parseHidden, validateConfig, type DeviceCapacity, type TrainConfig } from '../gpu';

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
}

export type DraftErrors = Partial<Record<keyof ConfigDraft, string>>;

export function draftFrom(config: TrainConfig): ConfigDraft {
  return {
    activation: config.activation,
    loss: config.loss,
    optimizer: config.optimizer,
    lr: String(config.lr),
    batchSize: String(config.batchSize),
    hidden: config.hidden.join(','),
    epochs: String(config.epochs),
    seed: String(config.seed),
  };
}


/**
 * The configuration the form describes, and a message for every field that is not valid.
 * `capacity` is the device's as the worker reported it, when known: the network must fit one
 * buffer a layer and the memory budget in all.
 */
export function configFromDraft(draft: ConfigDraft, capacity?: DeviceCapacity): { config: TrainConfig; errors: DraftErrors } {
  const hidden = parseHidden(draft.hidden);
  const config: TrainConfig = {
    ...APP_DEFAULT_CONFIG,
    activation: draft.activation as TrainConfig['activation'],
    loss: draft.loss as TrainConfig['loss'],
    optimizer: draft.optimizer as TrainConfig['optimizer'],
    lr: parseDecimal(draft.lr),
    batchSize: parseDecimal(draft.batchSize),
    hidden: typeof hidden === 'string' ? [] : hidden,
    epochs: parseDecimal(draft.epochs),
    seed: parseDecimal(draft.seed),
  };
  const { activation, loss, optimizer, lr, batchSize, hidden: hiddenError, epochs, seed } = validateConfig(config, capacity);
  const errors: DraftErrors = { activation, loss, optimizer, lr, batchSize, hidden: hiddenError, epochs, seed };
  if (typeof hidden === 'string') errors.hidden = hidden;
  for (const key of Object.keys(errors) as (keyof ConfigDraft)[]) if (!errors[key]) delete errors[key];
  return { config, errors };
}
