// When a run has diverged, judged from the training losses as they are read back.
//
// What divergence looks like on MNIST here: SGD at learning rate 100 with two hidden layers turns
// the loss (and the weights) into NaN within ten steps, but SGD at learning rate 50 with one layer
// never does: the loss leaps to millions for a step or two, then the ReLUs die and it settles at
// 15–25, ten times an untrained model's 2.3, where it stays. Both must pause the run.
import { said, type Said } from './i18n/said';

/** No loss of a working run comes anywhere near this. */
export const LOSS_CEILING = 1e6;
/** A loss this many times the untrained model's… */
export const BLOWUP_FACTOR = 4;
/** …at this many read-backs in a row (one could be a single unlucky batch) means it blew up. */
export const BLOWUP_READINGS = 2;

const format = (loss: number) => (Math.abs(loss) >= 1e4 ? loss.toExponential(2) : String(Number(loss.toPrecision(3))));

/**
 * Watches the losses of one run in step order. The first loss it sees is the untrained model's,
 * the yardstick for "far worse than knowing nothing".
 */
export class DivergenceWatch {
  private untrainedLoss: number | null = null;
  private highReadings = 0;

  /** What was seen, described for the page to word, when this loss shows that the run has diverged; else null. */
  observe(loss: number): Said | null {
    if (!Number.isFinite(loss)) return said('worker', 'lossBecame', String(loss));
    if (loss > LOSS_CEILING) return said('worker', 'lossReached', format(loss));
    if (this.untrainedLoss === null) {
      this.untrainedLoss = loss;
      return null;
    }
    this.highReadings = loss > BLOWUP_FACTOR * this.untrainedLoss ? this.highReadings + 1 : 0;
    if (this.highReadings < BLOWUP_READINGS) return null;
    return said('worker', 'lossStayedHigh', BLOWUP_FACTOR, format(this.untrainedLoss), format(loss));
  }

  /** False while the latest losses look like the start of a blow-up: no checkpoint is trusted then. */
  get calm(): boolean {
    return this.highReadings === 0;
  }

  /** After a rollback the losses seen since the checkpoint no longer count. */
  forgetRecent(): void {
    this.highReadings = 0;
  }
}
