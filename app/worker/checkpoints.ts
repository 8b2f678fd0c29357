// A run's checkpoints: the newest one, the newest one that looked healthy, and when the next is due.
import type { Checkpoint, Trainer } from '../../gpu';
import { checkpointDue, judgeCheckpoint, type CheckpointVerdict } from './policy';

/** What the run knows when a checkpoint comes back: see judgeCheckpoint. `current`: the trainer is still the run's. */
export interface CheckpointFacts {
  current: boolean;
  calm: boolean;
  diverged: boolean;
}

export class Checkpoints {
  private inFlight: Promise<CheckpointVerdict | null> | null = null;
  private lastMs = performance.now();
  private checkpointedEpoch = 0;

  constructor(
    /** The newest checkpoint: what a parked run is held as; at every stop it is the model as it stopped. */
    public latest: Checkpoint,
    /** The newest checkpoint taken while the run looked healthy: where a lost device or a rollback goes back to. */
    public lastGood: Checkpoint = latest,
  ) {}

  /** A new epoch, or the interval has passed, and none is being taken. */
  due(trainer: Trainer, nowMs: number): boolean {
    return !this.inFlight && checkpointDue({ epoch: trainer.epoch, checkpointedEpoch: this.checkpointedEpoch, nowMs, lastCheckpointMs: this.lastMs });
  }

  /**
   * One of `trainer` as it is now, after any in flight; training may go on meanwhile. Resolves to
   * what it means (judged with the facts as they are when it lands), or null when the latest is of
   * this very step already or the trainer is no longer the run's.
   */
  async take(trainer: Trainer, facts: () => CheckpointFacts): Promise<CheckpointVerdict | null> {
    await this.inFlight;
    if (this.latest.step === trainer.step) return null;
    this.lastMs = performance.now();
    this.checkpointedEpoch = trainer.epoch;
    const taking = trainer.checkpoint().then((checkpoint) => this.judge(checkpoint, facts()));
    this.inFlight = taking;
    try {
      return await taking;
    } finally {
      if (this.inFlight === taking) this.inFlight = null;
    }
  }

  /** Back to `checkpoint` (a restore): it is both the newest and the good one, and what was in flight no longer counts. */
  reset(checkpoint: Checkpoint): void {
    this.latest = this.lastGood = checkpoint;
    this.inFlight = null;
  }

  /** The losses read back before the checkpoint have landed by now (reads keep their order), so the facts include them. */
  private judge(checkpoint: Checkpoint, { current, calm, diverged }: CheckpointFacts): CheckpointVerdict | null {
    if (!current) return null;
    this.latest = checkpoint;
    const verdict = judgeCheckpoint({ finite: checkpoint.finite, calm, diverged });
    if (verdict === 'good') this.lastGood = checkpoint;
    return verdict;
  }
}
