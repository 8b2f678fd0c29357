// What the chart's numbers mean, for the losses of the runs it shows: each loss's chance level
// (the loss of the best answer that ignores the image), and what a test accuracy of 10 % is.
import { LOSS_NAMES, type LossName } from '../../../gpu';
import { messages, type Catalogue } from '../../i18n/messages';
import { CHANCE_LOSS } from '../../runs/stuck';

const chance = (loss: LossName) => CHANCE_LOSS[loss].toFixed(loss === 'bce' ? 3 : 2);

/** One line per loss the visible runs use (in the form's order), then what 10 % accuracy means. */
export function chartNotes(losses: readonly LossName[], t: Catalogue = messages()): string[] {
  const used = new Set(losses);
  return [...LOSS_NAMES.filter((loss) => used.has(loss)).map((loss) => t.chart.lossNote[loss](chance(loss))), t.chart.accuracyNote];
}
