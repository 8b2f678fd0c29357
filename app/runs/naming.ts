// What the page calls a run, and the id and colour it gives each one.
import { ACTIVATION_PARAMETERS, activationAlphaOf, hasActivationParameter, type TrainConfig } from '../../gpu';
import { APP_DEFAULT_CONFIG } from '../config-form';
import { messages, type Catalogue } from '../i18n/messages';
import { joined, sayings, word, type Said } from '../i18n/said';
import type { RunId } from '../protocol';
import type { RunOrigin } from '../state/run-record';

/** What a run's name is made of. */
export interface NamedRun {
  customName: string | null;
  config: TrainConfig;
  origin: RunOrigin;
}

/** "Leaky ReLU (slope 0.2)"; an activation at its parameter's default, or without one, by its name alone. */
function activationPart(config: TrainConfig): Said {
  const labels = sayings('labels');
  const name = labels.activationShort[config.activation];
  const alpha = activationAlphaOf(config);
  if (!hasActivationParameter(config.activation) || alpha === ACTIVATION_PARAMETERS[config.activation].default) return name;
  return sayings('runs').name.activationWithParameter(name, labels.activationParameter[config.activation].short, String(alpha));
}

/**
 * "ReLU · cross-entropy · Adam 0.001 · 128 · batch 128": the settings that tell runs apart, in the
 * dropdowns' words; the more settings ("momentum 0.5", "weight decay 0.0001", "inputs [0, 1]")
 * only where they are not the defaults. A description, for the worker to name a run in what it
 * says, and for the page to word in its language of the moment.
 */
export function runNameSaid(config: TrainConfig): Said {
  const labels = sayings('labels');
  const name = sayings('runs').name;
  const hidden = config.hidden.length > 0 ? config.hidden.join(',') : name.noHiddenLayer;
  const more = [
    config.optimizer === 'momentum' && config.momentum !== APP_DEFAULT_CONFIG.momentum && name.momentum(config.momentum),
    config.weightDecay !== APP_DEFAULT_CONFIG.weightDecay && name.weightDecay(config.weightDecay),
    config.normalize !== APP_DEFAULT_CONFIG.normalize && name.inputs(labels.normalization[config.normalize]),
  ].filter((part) => part !== false);
  const optimizer = joined([labels.optimizerShort[config.optimizer], String(config.lr)], ' ');
  return joined([activationPart(config), labels.lossShort[config.loss], optimizer, hidden, name.batch(config.batchSize), ...more], ' · ');
}

/** The run's name in the words of `t`: made when it is shown, so that it is in the page's language. */
export const runName = (config: TrainConfig, t: Catalogue = messages()): string => word(runNameSaid(config), t);

/** An imported model's run says so after its generated name, in the language it is shown in. */
export const withOrigin = (name: string, origin: RunOrigin, t: Catalogue): string => (origin === 'imported' ? t.runs.name.imported(name) : name);

/** The name the user gave the run, else the one its settings and origin make (in the language of `t`). */
export const displayName = (run: NamedRun, t: Catalogue = messages()): string => run.customName ?? withOrigin(runName(run.config, t), run.origin, t);

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
