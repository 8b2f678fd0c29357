// The training options shared by `npm run train` and `npm run trajectory`.
import { ACTIVATION_NAMES } from '../ops/activation';
import { OPTIMIZER_NAMES } from '../optim/optimizers';
import { DEFAULT_CONFIG, LOSS_NAMES, NORMALIZATIONS, parseHidden, type TrainConfig } from '../train/config';
import { BACKEND_NAMES } from './backend-choice';
import { fail } from './args';

export const USAGE = `usage: npm run train -- [options]
  --activation ${ACTIVATION_NAMES.join('|')}   (default ${DEFAULT_CONFIG.activation})
  --loss ${LOSS_NAMES.join('|')}   (default ${DEFAULT_CONFIG.loss})
  --optimizer ${OPTIMIZER_NAMES.join('|')}   (default ${DEFAULT_CONFIG.optimizer})
  --lr N  --momentum N  --weight-decay N  --batch N  --epochs N  --hidden 128[,64…]  --seed N
  --normalize ${Object.keys(NORMALIZATIONS).join('|')}   (default ${DEFAULT_CONFIG.normalize})
  --loss-every N   (steps between loss read-backs, default ${DEFAULT_CONFIG.lossEvery})
  --backend ${BACKEND_NAMES.join('|')}   (default webgpu)`;

/** The numeric fields and the flags that set them. */
const NUMBER_FLAGS = {
  lr: 'lr',
  momentum: 'momentum',
  weightDecay: 'weight-decay',
  batchSize: 'batch',
  epochs: 'epochs',
  seed: 'seed',
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
    const value = Number(text);
    if (text.trim() === '' || Number.isNaN(value)) return `--${flag} must be a number, got "${text}"`;
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
  'normalize', 'loss-every', 'backend', 'help',
]);

