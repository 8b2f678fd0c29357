// What each setting of the form is: its label, its control, and the range said under it, in the
// words of a catalogue.
import { ACTIVATION_NAMES, ACTIVATION_PARAMETERS, LOSS_NAMES, MAX_HIDDEN_LAYERS, NORMALIZATIONS, OPTIMIZER_NAMES, RANGES, rangeText, type NumberRange } from '../../../gpu';
import type { DraftField } from '../../config-form';
import type { Catalogue } from '../../i18n/messages';

export type FieldSpec =
  | { field: DraftField; label: string; kind: 'choice'; names: readonly string[]; labels: Record<string, string> }
  | { field: DraftField; label: string; kind: 'text'; inputMode: 'decimal' | 'numeric' | 'text'; hint: string };

const choice = (field: DraftField, label: string, names: readonly string[], labels: Record<string, string>): FieldSpec => ({ field, label, kind: 'choice', names, labels });
const text = (field: DraftField, label: string, inputMode: 'decimal' | 'numeric' | 'text', hint: string): FieldSpec => ({ field, label, kind: 'text', inputMode, hint });

/** The settings the form shows first. */
export function mainFields({ settings, labels, problems }: Catalogue): FieldSpec[] {
  const { field } = settings;
  const range = (values: NumberRange) => rangeText(values, problems);
  return [
    choice('activation', field.activation, ACTIVATION_NAMES, labels.activation),
    choice('loss', field.loss, LOSS_NAMES, labels.loss),
    choice('optimizer', field.optimizer, OPTIMIZER_NAMES, labels.optimizer),
    text('lr', field.lr, 'decimal', range(RANGES.lr)),
    text('batchSize', field.batchSize, 'numeric', range(RANGES.batchSize)),
    text('hidden', field.hidden, 'text', settings.hiddenHint(MAX_HIDDEN_LAYERS, range(RANGES.hidden))),
    text('epochs', field.epochs, 'numeric', range(RANGES.epochs)),
    text('seed', field.seed, 'numeric', range(RANGES.seed)),
  ];
}

/** The settings folded under "More settings"; each shown only where it applies (see fieldApplies). */
export function moreFields({ settings, labels, problems }: Catalogue): FieldSpec[] {
  const { field } = settings;
  const range = (values: NumberRange) => rangeText(values, problems);
  return [
    choice('normalize', field.normalize, Object.keys(NORMALIZATIONS), labels.normalization),
    text('leakySlope', labels.activationParameter.leaky_relu.label, 'decimal', settings.leakySlopeHint(range(ACTIVATION_PARAMETERS.leaky_relu))),
    text('eluAlpha', labels.activationParameter.elu.label, 'decimal', settings.eluAlphaHint(range(ACTIVATION_PARAMETERS.elu))),
    text('momentum', field.momentum, 'decimal', settings.momentumHint(range(RANGES.momentum))),
    text('weightDecay', field.weightDecay, 'decimal', settings.weightDecayHint(range(RANGES.weightDecay))),
  ];
}
