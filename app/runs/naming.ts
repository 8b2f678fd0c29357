// What the page calls a run, and the id and colour it gives each one.
import { ACTIVATION_PARAMETERS, activationAlphaOf, hasActivationParameter, type TrainConfig } from '../../gpu';
import { APP_DEFAULT_CONFIG } from '../config-form';
import { messages } from '../i18n/messages';
import type { RunId } from '../protocol';

/** "Leaky ReLU (slope 0.2)"; an activation at its parameter's default, or without one, by its name alone. */
function activationPart(config: TrainConfig): string {
  const name = messages().labels.activationShort[config.activation];
  const alpha = activationAlphaOf(config);
  if (!hasActivationParameter(config.activation) || alpha === ACTIVATION_PARAMETERS[config.activation].default) return name;
  return `${name} (${messages().labels.activationParameter[config.activation].short} ${alpha})`;
}

/**
 * "ReLU · cross-entropy · Adam 0.001 · 128 · batch 128": the settings that tell runs apart, in the
 * dropdowns' words; the more settings ("momentum 0.5", "weight decay 0.0001", "inputs [0, 1]")
 * only where they are not the defaults.
 */
export function runName(config: TrainConfig): string {
  const hidden = config.hidden.length > 0 ? config.hidden.join(',') : 'no hidden layer';
  const more = [
    config.optimizer === 'momentum' && config.momentum !== APP_DEFAULT_CONFIG.momentum && `momentum ${config.momentum}`,
    config.weightDecay !== APP_DEFAULT_CONFIG.weightDecay && `weight decay ${config.weightDecay}`,
    config.normalize !== APP_DEFAULT_CONFIG.normalize && `inputs ${messages().labels.normalization[config.normalize]}`,
  ].filter((part) => part !== false);
  return [
    activationPart(config),
    messages().labels.lossShort[config.loss],
    `${messages().labels.optimizerShort[config.optimizer]} ${config.lr}`,
    hidden,
    `batch ${config.batchSize}`,
    ...more,
  ].join(' · ');
}

/** The name the user gave the run, else the one its settings make. */
export const displayName = (run: { customName: string | null; config: TrainConfig }): string => run.customName ?? runName(run.config);

let idsMade = 0;

/**
 * "r-<time in base 36>-<counter>": unique within the page by the counter, and across reloads by the
 * time, so a stored run never meets a new one of the same id.
 */
export function newRunId(now = Date.now()): RunId {
  idsMade++;
  return `r-${now.toString(36)}-${idsMade.toString(36)}`;
}

/** Eight colours apart in hue, each at least 3:1 against the white page (WCAG for graphics). */
export const RUN_COLORS = ['#1f77b4', '#d95f02', '#1b9e77', '#d62728', '#7b4fc9', '#8c564b', '#c2378f', '#6b7a00'] as const;

/** The first colour no run has; when all are taken, the one fewest runs have. */
export function nextColor(usedColors: Iterable<string>): string {
  const uses = new Map<string, number>(RUN_COLORS.map((color) => [color, 0]));
  for (const color of usedColors) if (uses.has(color)) uses.set(color, uses.get(color)! + 1);
  let best: string = RUN_COLORS[0];
  for (const color of RUN_COLORS) if (uses.get(color)! < uses.get(best)!) best = color;
  return best;
}
