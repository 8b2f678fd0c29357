// A run's learning rate and every change of it (see app/runs/lr-changes.ts), told to the page as each happens.
import type { Checkpoint } from '../../gpu';
import type { LrChange } from '../protocol';
import { lrChangesBackTo, withLrChange } from '../runs/lr-changes';

export class LearningRate {
  constructor(
    public lr: number,
    /** Never changed in place: each change makes a new list. */
    public changes: readonly LrChange[],
    private readonly tell: (lr: number, changes: readonly LrChange[]) => void,
  ) {}

  /** `lr` from the next step on, once `step` steps are trained. */
  set(step: number, lr: number): void {
    this.update(withLrChange(this.changes, step, this.lr, lr), lr);
  }

  /** Back at a checkpoint of `step`, training on from there with `lr`. */
  backTo(step: number, lr: number): void {
    this.update(lrChangesBackTo(this.changes, step, this.lr, lr), lr);
  }

  private update(changes: LrChange[], lr: number): void {
    this.lr = lr;
    this.changes = changes;
    this.tell(lr, changes);
  }
}

/** The checkpoint, to train on from with `lr`. */
export const withLearningRate = (checkpoint: Checkpoint, lr: number): Checkpoint => ({ ...checkpoint, config: { ...checkpoint.config, lr } });
