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

function number(options: Map<string, string>, name: string, fallback: number): number {
  const text = options.get(name);
  if (text === undefined) return fallback;
  const value = Number(text);
  if (text.trim() === '' || Number.isNaN(value)) fail(`--${name} must be a number, got "${text}"`);
  return value;
}

export function configFrom(options: Map<string, string>): TrainConfig {
  const hidden = parseHidden(options.get('hidden') ?? DEFAULT_CONFIG.hidden.join(','));
  if (typeof hidden === 'string') fail(`--hidden: ${hidden}`);
  return {
    ...DEFAULT_CONFIG,
    activation: (options.get('activation') ?? DEFAULT_CONFIG.activation) as TrainConfig['activation'],
    loss: (options.get('loss') ?? DEFAULT_CONFIG.loss) as TrainConfig['loss'],
    optimizer: (options.get('optimizer') ?? DEFAULT_CONFIG.optimizer) as TrainConfig['optimizer'],
    normalize: (options.get('normalize') ?? DEFAULT_CONFIG.normalize) as TrainConfig['normalize'],
    hidden,
    lr: number(options, 'lr', DEFAULT_CONFIG.lr),
    momentum: number(options, 'momentum', DEFAULT_CONFIG.momentum),
    weightDecay: number(options, 'weight-decay', DEFAULT_CONFIG.weightDecay),
    batchSize: number(options, 'batch', DEFAULT_CONFIG.batchSize),
    epochs: number(options, 'epochs', DEFAULT_CONFIG.epochs),
    seed: number(options, 'seed', DEFAULT_CONFIG.seed),
    lossEvery: number(options, 'loss-every', DEFAULT_CONFIG.lossEvery),
  };
}

export const KNOWN_OPTIONS = new Set([
  'activation', 'loss', 'optimizer', 'lr', 'momentum', 'weight-decay', 'batch', 'epochs', 'hidden', 'seed',
  'normalize', 'loss-every', 'backend', 'help',
]);

