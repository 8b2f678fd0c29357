// The run as a PyTorch script: pytorch-template.py, a complete script on its own, with its SETTINGS
// block replaced by the run's values. The Python lives in the template alone; this file writes data.
import template from './pytorch-template.py?raw';
import { ACTIVATION_PARAMETERS, NORMALIZATIONS, activationAlphaOf, validateConfig, type TrainConfig } from '../train/config';

/** The template's settings block: from `SETTINGS = {` at the start of a line to the first `}` that starts one. */
const SETTINGS_BLOCK = /^SETTINGS = (\{\n[^]*?\n\})$/m;

/** What the script's SETTINGS hold for a run: the fields it trains with, and the input scaling's numbers. */
export function pytorchSettings(config: TrainConfig): Record<string, unknown> {
  const { mean, std } = NORMALIZATIONS[config.normalize];
  return {
    hidden: config.hidden,
    activation: config.activation,
    // Both always, so that the script's reader can switch activation in SETTINGS: the run's own, the other's default.
    leakySlope: config.activation === 'leaky_relu' ? activationAlphaOf(config) : ACTIVATION_PARAMETERS.leaky_relu.default,
    eluAlpha: config.activation === 'elu' ? activationAlphaOf(config) : ACTIVATION_PARAMETERS.elu.default,
    loss: config.loss,
    optimizer: config.optimizer,
    lr: config.lr,
    momentum: config.momentum,
    weightDecay: config.weightDecay,
    batchSize: config.batchSize,
    epochs: config.epochs,
    seed: config.seed,
    normalize: config.normalize,
    mean,
    std,
  };
}

/**
 * One entry a line, as JSON: the values are strings, numbers and lists of numbers, whose JSON is
 * also Python (validateConfig rules out NaN and infinities, which are not).
 */
function settingsLiteral(settings: Record<string, unknown>): string {
  const lines = Object.entries(settings).map(([key, value]) => `    ${JSON.stringify(key)}: ${JSON.stringify(value)}`);
  return `{\n${lines.join(',\n')}\n}`;
}

/** The template's own SETTINGS block, parsed: the defaults the script has before it is filled. */
export function templateSettings(): Record<string, unknown> {
  const match = SETTINGS_BLOCK.exec(template);
  if (!match) throw new Error('pytorch-template.py has no SETTINGS block');
  return JSON.parse(match[1]) as Record<string, unknown>;
}

/** The complete PyTorch script for `config`; a configuration that could not train is refused with its problems named. */
export function pytorchScript(config: TrainConfig): string {
  const errors = Object.values(validateConfig(config));
  if (errors.length > 0) throw new Error(`cannot write a PyTorch script for this configuration: ${errors.join('; ')}`);
  if (!SETTINGS_BLOCK.test(template)) throw new Error('pytorch-template.py has no SETTINGS block');
  // A function, so that `$` in the values is not read as a replacement pattern.
  return template.replace(SETTINGS_BLOCK, () => `SETTINGS = ${settingsLiteral(pytorchSettings(config))}`);
}
