// The one loop that trains every run in state 'training', a step of each per round (see
// trainTogether). Runs join it at its next round (a resume, a rollback) and leave it alone (a
// pause, a divergence, a failure, the end of their epochs, a delete) while the others go on.
import { said, SaidError } from '../i18n/said';
import { ReadCancelledError, trainTogether, type Trainer } from '../../gpu';
import type { Run } from './run';

export interface LoopHost {
  /** The runs to step, asked at every round. */
  training(): Run[];
  /** Submits `run`'s step, or its held steps, inside its own error scopes (see Controller.submitInScopes). */
  submit<T>(run: Run, submit: () => T): T;
  /** A failure no run's own handling took care of: it ends whom it must. */
  failed(error: unknown): void;
}

/** Thrown by LoopHost.submit when a run's step could not even be submitted: that run has been ended already. */
export class StepRefused extends SaidError {
  constructor(cause: unknown) {
    super(said('worker', 'notSubmitted'), { cause });
  }
}

export class TrainingLoop {
  /** The loop going now: abandoning it stops it at once. */
  private drive: { abandoned: boolean } | null = null;

  constructor(private readonly host: LoopHost) {}

  /** Starts the loop when a run trains and none goes; a loop that goes takes new runs in at its next round. */
  ensure(): void {
    if (this.drive || this.host.training().length === 0) return;
    const drive = { abandoned: false };
    this.drive = drive;
    void this.go(drive);
  }

  /** Stops the loop without waiting for what it awaits: a lost device may never answer. */
  abandon(): void {
    if (this.drive) this.drive.abandoned = true;
    this.drive = null;
  }

  private async go(drive: { abandoned: boolean }): Promise<void> {
    const runOf = new WeakMap<Trainer, Run>();
    // An abandoned loop that wakes up (its device answered after all) sees no runs, and so ends.
    const trainers = () =>
      (drive.abandoned ? [] : this.host.training()).flatMap((run) => {
        const trainer = run.model;
        if (!trainer) return [];
        runOf.set(trainer, run);
        return [trainer];
      });
    // A round steps the trainers it started with: one its run has replaced since (parked and made
    // live again, restored) is disposed, and stays out.
    const keepGoing = (trainer: Trainer) => {
      const run = runOf.get(trainer);
      return !drive.abandoned && run !== undefined && run.model === trainer && run.inLoop;
    };
    const around = <T>(trainer: Trainer, submit: () => T) => this.host.submit(runOf.get(trainer)!, submit);
    try {
      for (;;) {
        try {
          for await (const { trainer, step } of trainTogether(trainers, keepGoing, { around })) {
            if (drive.abandoned) return;
            const run = runOf.get(trainer)!;
            await run.stepped(trainer, step);
            if (drive.abandoned) return;
            if (run.inLoop) run.afterStep();
          }
        } catch (error) {
          // A read cut off by a lost device: the loss abandons this loop, and recovery starts another.
          if (drive.abandoned || error instanceof ReadCancelledError) return;
          if (!(error instanceof StepRefused)) this.host.failed(error);
        }
        // A run may have started training just as the last round found nothing to step.
        if (drive.abandoned || this.host.training().length === 0) return;
      }
    } finally {
      // Within the same turn as the last check above: a run that starts training after it finds no loop and starts one.
      if (this.drive === drive) this.drive = null;
    }
  }
}
