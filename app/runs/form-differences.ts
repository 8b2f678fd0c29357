// Where the settings form and the selected run disagree: the form describes the next run, and says
// so by marking each setting that is not the selected run's.
import { parseDecimal, parseHidden, type TrainConfig } from '../../gpu';
import { draftFrom, fieldApplies, type ConfigDraft, type DraftField } from '../config-form';
import { messages, type Catalogue } from '../i18n/messages';

/** The fields that are choices, with their names in the language of `t`. */
const choiceLabels = (t: Catalogue): Partial<Record<DraftField, Record<string, string>>> => ({
  activation: t.labels.activation,
  loss: t.labels.loss,
  optimizer: t.labels.optimizer,
  normalize: t.labels.normalization,
});
const CHOICE_FIELDS = new Set(Object.keys(choiceLabels(messages())));

/** Whether two texts of a field say the same: "0.0010" is "0.001", "256, 128" is "256,128". */
export function sameSetting(field: DraftField, a: string, b: string): boolean {
  if (CHOICE_FIELDS.has(field)) return a === b;
  if (field === 'hidden') {
    const [x, y] = [parseHidden(a), parseHidden(b)];
    return typeof x !== 'string' && typeof y !== 'string' ? x.join(',') === y.join(',') : a.trim() === b.trim();
  }
  const [x, y] = [parseDecimal(a), parseDecimal(b)];
  return Number.isNaN(x) || Number.isNaN(y) ? a.trim() === b.trim() : x === y;
}

/**
 * Each field of `draft` that says something else than `run` does, with the run's value in the
 * form's words ("SGD", "0.01", "[0, 1]"). A field that only one of them uses (momentum beside
 * Adam, Leaky ReLU's slope beside ReLU) is not compared: the difference that matters there is
 * the optimizer's or the activation's.
 */
export function formDifferences(draft: ConfigDraft, run: TrainConfig, t: Catalogue = messages()): Partial<Record<DraftField, string>> {
  const runDraft = draftFrom(run);
  const labels = choiceLabels(t);
  const differences: Partial<Record<DraftField, string>> = {};
  for (const field of Object.keys(draft) as DraftField[]) {
    if (!fieldApplies(field, draft) || !fieldApplies(field, runDraft) || sameSetting(field, draft[field], runDraft[field])) continue;
    differences[field] = labels[field]?.[runDraft[field]] ?? (runDraft[field] || t.runs.name.noHiddenLayer);
  }
  return differences;
}
