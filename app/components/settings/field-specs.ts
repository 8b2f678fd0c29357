// What each setting of the form is: its label, its control, and the range said under it.
import { ACTIVATION_NAMES, ACTIVATION_PARAMETERS, LOSS_NAMES, MAX_HIDDEN_LAYERS, NORMALIZATIONS, OPTIMIZER_NAMES, RANGES, rangeText } from '../../../gpu';
import type { DraftField } from '../../config-form';
import { messages } from '../../i18n/messages';

export type FieldSpec =
  | { field: DraftField; label: string; kind: 'choice'; names: readonly string[]; labels: Record<string, string> }
  | { field: DraftField; label: string; kind: 'text'; inputMode: 'decimal' | 'numeric' | 'text'; hint: string };

const choice = (field: DraftField, label: string, names: readonly string[], labels: Record<string, string>): FieldSpec => ({ field, label, kind: 'choice', names, labels });
const text = (field: DraftField, label: string, inputMode: 'decimal' | 'numeric' | 'text', hint: string): FieldSpec => ({ field, label, kind: 'text', inputMode, hint });

/** The settings the form shows first. */
export const MAIN_FIELDS: readonly FieldSpec[] = [
  choice('activation', 'Activation', ACTIVATION_NAMES, messages().labels.activation),
  choice('loss', 'Loss', LOSS_NAMES, messages().labels.loss),
  choice('optimizer', 'Optimizer', OPTIMIZER_NAMES, messages().labels.optimizer),
  text('lr', 'Learning rate', 'decimal', rangeText(RANGES.lr)),
  text('batchSize', 'Batch size', 'numeric', rangeText(RANGES.batchSize)),
  text('hidden', 'Hidden layers', 'text', `up to ${MAX_HIDDEN_LAYERS} sizes, ${rangeText(RANGES.hidden)} each, like 256,128`),
  text('epochs', 'Epochs', 'numeric', rangeText(RANGES.epochs)),
  text('seed', 'Seed', 'numeric', rangeText(RANGES.seed)),
];

/** The settings folded under "More settings"; each shown only where it applies (see fieldApplies). */
export const MORE_FIELDS: readonly FieldSpec[] = [
  choice('normalize', 'Input normalisation', Object.keys(NORMALIZATIONS), messages().labels.normalization),
  text('leakySlope', messages().labels.activationParameter.leaky_relu.label, 'decimal', `${rangeText(ACTIVATION_PARAMETERS.leaky_relu)}; Leaky ReLU’s f(x) = slope · x below 0`),
  text('eluAlpha', messages().labels.activationParameter.elu.label, 'decimal', `${rangeText(ACTIVATION_PARAMETERS.elu)}; ELU’s f(x) = α(eˣ − 1) below 0`),
  text('momentum', 'Momentum', 'decimal', `${rangeText(RANGES.momentum)}; for SGD with momentum`),
  text('weightDecay', 'Weight decay', 'decimal', `${rangeText(RANGES.weightDecay)}; added to the gradient as decay × weight`),
];
