// What the chart's numbers mean, for the losses of the runs it shows: each loss's chance level
// (the loss of the best answer that ignores the image), and what a test accuracy of 10 % is.
import { LOSS_NAMES, type LossName } from '../../../gpu';
import { CHANCE_LOSS } from '../../runs/stuck';

const chance = (loss: LossName) => CHANCE_LOSS[loss].toFixed(loss === 'bce' ? 3 : 2);

const LOSS_NOTES: Record<LossName, string> = {
  'cross-entropy': `Cross-entropy: a model that answers 10 % for every digit scores ln 10 ≈ ${chance('cross-entropy')} (nats), its chance level; a perfect one 0.`,
  mse:
    'Mean squared error on the softmax averages ten squared probability errors, so its values are about fifty times smaller ' +
    `than cross-entropy’s: its chance level is ≈ ${chance('mse')}.`,
  bce: `Binary cross-entropy scores each of the ten outputs as a yes/no answer: its chance level is ≈ ${chance('bce')} (nats).`,
};

export const ACCURACY_NOTE = 'A test accuracy of 10 % is guessing: one digit in ten.';

/** One line per loss the visible runs use (in the form's order), then what 10 % accuracy means. */
export function chartNotes(losses: readonly LossName[]): string[] {
  const used = new Set(losses);
  return [...LOSS_NAMES.filter((loss) => used.has(loss)).map((loss) => LOSS_NOTES[loss]), ACCURACY_NOTE];
}
