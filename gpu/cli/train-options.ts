// The training options shared by `npm run train` and `npm run trajectory`.
import { ACTIVATION_NAMES } from '../ops/activation';
import type { ImportedModel } from '../io/model-file';
import { OPTIMIZER_NAMES } from '../optim/optimizers';
import { ACTIVATION_PARAMETERS, DEFAULT_CONFIG, LOSS_NAMES, NORMALIZATIONS, parseDecimal, parseHidden, rangeText, type TrainConfig } from '../train/config';
import { BACKEND_NAMES, THREADS_USAGE } from './backend-choice';
import { fail } from './args';

export const USAGE = `usage: npm run train -- [options]
  --activation ${ACTIVATION_NAMES.join('|')}   (default ${DEFAULT_CONFIG.activation})
  --loss ${LOSS_NAMES.join('|')}   (default ${DEFAULT_CONFIG.loss})
  --optimizer ${OPTIMIZER_NAMES.join('|')}   (default ${DEFAULT_CONFIG.optimizer})
  --lr N  --momentum N  --weight-decay N  --batch N  --epochs N  --hidden 128[,64…]  --seed N
  --activation-alpha N   (${Object.values(ACTIVATION_PARAMETERS).map((p) => `${p.name}, ${rangeText(p)}, default ${p.default}`).join('; ')})
  --normalize ${Object.keys(NORMALIZATIONS).join('|')}   (default ${DEFAULT_CONFIG.normalize})
  --loss-every N   (steps between loss read-backs, default ${DEFAULT_CONFIG.lossEvery})
  --backend ${BACKEND_NAMES.join('|')}   (default webgpu)
  ${THREADS_USAGE}`;

/** The numeric fields and the flags that set them. */
const NUMBER_FLAGS = {
  lr: 'lr',
  momentum: 'momentum',
  weightDecay: 'weight-decay',
  batchSize: 'batch',
  epochs: 'epochs',
  seed: 'seed',
  activationAlpha: 'activation-alpha',
  lossEvery: 'loss-every',
} as const;

/**
 * The training configuration the flags describe (not yet validated: see validateConfig), or a
 * message naming the first flag whose text is not a number or a list of layer sizes.
 */
export function parseTrainConfig(options: Map<string, string>): TrainConfig | string {
  const hidden = parseHidden(options.get('hidden') ?? DEFAULT_CONFIG.hidden.join(','));
  if (typeof hidden === 'string') return `--hidden: ${hidden}`;
  const config: TrainConfig = {
    ...DEFAULT_CONFIG,
    activation: (options.get('activation') ?? DEFAULT_CONFIG.activation) as TrainConfig['activation'],
    loss: (options.get('loss') ?? DEFAULT_CONFIG.loss) as TrainConfig['loss'],
    optimizer: (options.get('optimizer') ?? DEFAULT_CONFIG.optimizer) as TrainConfig['optimizer'],
    normalize: (options.get('normalize') ?? DEFAULT_CONFIG.normalize) as TrainConfig['normalize'],
    hidden,
  };
  for (const [field, flag] of Object.entries(NUMBER_FLAGS) as [keyof typeof NUMBER_FLAGS, string][]) {
    const text = options.get(flag);
    if (text === undefined) continue;
    const value = parseDecimal(text);
    if (Number.isNaN(value)) return `--${flag} must be a number, got "${text}"`;
    config[field] = value;
  }
  return config;
}

/** parseTrainConfig, exiting through `fail` on a flag that is not a number. */
export function configFrom(options: Map<string, string>): TrainConfig {
  const config = parseTrainConfig(options);
  if (typeof config === 'string') fail(config);
  return config;
}

export const KNOWN_OPTIONS = new Set([
  'activation', 'loss', 'optimizer', 'lr', 'momentum', 'weight-decay', 'batch', 'epochs', 'hidden', 'seed',
  'normalize', 'activation-alpha', 'loss-every', 'backend', 'threads', 'help',
]);


/** The configuration fields that a flag sets and the flag's name. */
const FIELD_FLAGS: Partial<Record<keyof TrainConfig, string>> = {
  activation: 'activation',
  loss: 'loss',
  optimizer: 'optimizer',
  normalize: 'normalize',
  ...NUMBER_FLAGS,
};

/** `--epochs 0`: with --load, evaluate the file's model and train nothing. */
export function evaluatesOnly(options: Map<string, string>): boolean {
  const text = options.get('epochs');
  return text !== undefined && parseDecimal(text) === 0;
}

/** What to do with a model read by --load: train it further for `config.epochs`, or only evaluate it (--epochs 0). */
export interface LoadedRun {
  config: TrainConfig;
  evaluateOnly: boolean;
}

/**
 * With `--load FILE`: the flags' configuration, where every setting the flags leave out comes from
 * the file (its layer sizes, and the settings in its metadata), or a message naming what is wrong
 * or what the file does not say. `--epochs 0` only evaluates; the trainer that does it is built
 * for one epoch and trains none.
 */
export function loadedRunConfig(options: Map<string, string>, model: ImportedModel, file: string): LoadedRun | string {
  const evaluateOnly = evaluatesOnly(options);
  const flags = new Map(options);
  if (evaluateOnly) flags.set('epochs', '1');
  const config = parseTrainConfig(flags);
  if (typeof config === 'string') return config;
  if (options.has('hidden') && config.hidden.join(',') !== model.hidden.join(',')) {
    return `--hidden ${config.hidden.join(',')} does not match ${file}, whose hidden layers are ${model.hidden.join(',') || 'none'}`;
  }
  config.hidden = model.hidden;
  for (const [field, flag] of Object.entries(FIELD_FLAGS) as [keyof TrainConfig, string][]) {
    // The file's epochs are those it was trained for; --epochs says how many more to train. Its
    // activation's parameter is no other activation's.
    if (field === 'epochs' || options.has(flag) || model.config[field] === undefined) continue;
    if (field === 'activationAlpha' && config.activation !== model.config.activation) continue;
    Object.assign(config, { [field]: model.config[field] });
  }
  const unsaid = model.missing.find((field) => !options.has(field));
  if (unsaid) return `${file} does not say its ${unsaid === 'normalize' ? 'input normalisation' : unsaid}: give --${unsaid}`;
  return { config, evaluateOnly };
}
