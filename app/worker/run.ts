// One model being trained, with its checkpoints and the bookkeeping of what the page is shown.
import { CLASSES, ReadCancelledError, Trainer, type Checkpoint, type DeviceData, type Engine, type SubmittedStep, type TrainConfig } from '../../gpu';
import { DivergenceWatch } from '../divergence';
import type { LossPoint, TestSample } from '../protocol';
import { post } from './transport';
import {
  PROGRESS_INTERVAL_MS,
  STRIP_REFRESH_MS,
  checkpointDue,
  judgeCheckpoint,
  reportDue,
  topClasses,
} from './policy';

/** The device-side data a run trains on, and the test images of the strip. */
export interface Session {
  engine: Engine;
  data: DeviceData;
  samples: TestSample[];
}

/** What showed that the run diverged, and when. */
export interface Divergence {
  seen: string;
  step: number;
}

export class Run {
  lastLoss: number | null = null;
  /** Training stops at the next chance once set. */
  divergence: Divergence | null = null;
  /** A read-back of this run failed (a GPU error, a lost device): what it said. */
  failure: Error | null = null;
  private readonly watch = new DivergenceWatch();
  private checkpointInFlight: Promise<void> | null = null;
  private lastCheckpointMs = performance.now();
  private checkpointedEpoch = 0;
  private unsentPoints: LossPoint[] = [];
  private pendingLosses: Promise<void>[] = [];
  private lastPostMs = 0;
  private stripInFlight: Promise<void> | null = null;
  private lastStripMs = 0;

  private constructor(
    private session: Session,
    public trainer: Trainer,
    /** The latest checkpoint taken while the run looked healthy: where a lost device or a rollback goes back to. */
    public lastGood: Checkpoint,
    private readonly onBackgroundError: (error: unknown) => void,
  ) {}

  /** A fresh model with its step-0 checkpoint, so that even its first steps can be gone back to. */
  static async create(session: Session, config: TrainConfig, onBackgroundError: (error: unknown) => void): Promise<Run> {
    const trainer = new Trainer(session.engine, session.data, config);
    try {
      return new Run(session, trainer, await trainer.checkpoint(), onBackgroundError);
    } catch (error) {
      trainer.dispose();
      throw error;
    }
  }

  get finished(): boolean {
    return this.trainer.finished;
  }

  /** A diverged or failed run only goes on through a rollback (or a fresh model). */
  get canContinue(): boolean {
    return !this.finished && !this.divergence && !this.failure;
  }

  get learningRate(): number {
    return this.trainer.optimizer.learningRate;
  }

  /** Books a step submitted by the trainer's loop; at the end of an epoch waits for it and evaluates on the test set. */
  async stepped({ step, loss, epochEnded }: SubmittedStep): Promise<void> {
    const { trainer } = this;
    if (loss) {
      this.pendingLosses.push(
        loss.then(
          // A trainer replaced since (by a restore) left steps that will be trained again.
          (value) => (trainer === this.trainer ? this.lossLanded(step, value) : undefined),
          (error: Error) => {
            // A read cut off by a lost device is no fault of the run: the recovery restores it.
            if (trainer === this.trainer && !(error instanceof ReadCancelledError)) this.failure ??= error;
          },
        ),
      );
    }
    if (epochEnded) await this.endEpoch();
  }

  /** One step outside the loop (the Step button), its loss read back and waited for. */
  async stepOnce(): Promise<void> {
    const { throughput } = this.trainer;
    throughput.start();
    try {
      await this.stepped(this.trainer.trainStep({ readLoss: true }));
      await this.settle();
    } finally {
      throughput.stop();
    }
  }

  /** Waits until every loss and strip prediction asked for so far has landed. */
  async settle(): Promise<void> {
    await Promise.all([...this.pendingLosses.splice(0), this.stripInFlight]);
  }

  postProgress(force = false): void {
    const now = performance.now();
    if (!reportDue(now, this.lastPostMs, PROGRESS_INTERVAL_MS, force)) return;
    this.lastPostMs = now;
    const { step, epoch, throughput } = this.trainer;
    post({ type: 'progress', points: this.unsentPoints.splice(0), step, epoch, samplesPerSec: throughput.recent, elapsedMs: throughput.elapsedMs });
  }

  /** Every few seconds, one refresh at a time, alongside the training steps. */
  refreshStrip(): void {
    if (this.stripInFlight || !reportDue(performance.now(), this.lastStripMs, STRIP_REFRESH_MS)) return;
    this.stripInFlight = this.predictStrip()
      .catch(this.onBackgroundError)
      .finally(() => {
        this.stripInFlight = null;
      });
  }

  /** The strip's images as one batch gathered on the device, one read back. */
  async predictStrip(): Promise<void> {
    this.lastStripMs = performance.now();
    const { trainer } = this;
    const { step } = trainer;
    const probabilities = await trainer.predictTest(this.session.samples.map((s) => s.index));
    post({ type: 'sample-predictions', step, predictions: topClasses(probabilities, CLASSES) });
  }

  /** Class probabilities for a drawn digit; null when they are not numbers. */
  async predict(pixels: Float32Array): Promise<Float32Array | null> {
    const output = await this.trainer.predict(pixels);
    return output.every(Number.isFinite) ? output : null;
  }

  /** Starts a checkpoint when one is due; training goes on meanwhile. */
  checkpointIfDue(): void {
    const due = checkpointDue({
      epoch: this.trainer.epoch,
      checkpointedEpoch: this.checkpointedEpoch,
      nowMs: performance.now(),
      lastCheckpointMs: this.lastCheckpointMs,
    });
    if (due && !this.checkpointInFlight) void this.checkpoint().catch(this.onBackgroundError);
  }

  /** Takes a checkpoint of the model as it is now (as at every pause) and waits for it. */
  async checkpoint(): Promise<void> {
    await this.checkpointInFlight;
    const { trainer } = this;
    if (this.divergence || this.failure || this.lastGood.step === trainer.step) return;
    this.lastCheckpointMs = performance.now();
    this.checkpointedEpoch = trainer.epoch;
    this.checkpointInFlight = trainer
      .checkpoint()
      .then((checkpoint) => {
        if (trainer === this.trainer) this.judge(checkpoint);
      })
      .finally(() => {
        this.checkpointInFlight = null;
      });
    await this.checkpointInFlight;
  }

  /**
   * Goes back to the last good checkpoint, on `session` (a new device, or the one in use) with
   * learning rate `lr`. The steps after the checkpoint will be trained again; what was in flight
   * on the old trainer is let go on purpose (its promises are all handled, see stepped()).
   */
  restore(session: Session, lr: number): void {
    const { lastGood } = this;
    const trainer = Trainer.restore(session.engine, session.data, { ...lastGood, config: { ...lastGood.config, lr } }, this.trainer.throughput);
    this.disposeTrainer();
    this.session = session;
    this.trainer = trainer;
    this.unsentPoints = this.unsentPoints.filter((p) => p.step <= lastGood.step);
    this.pendingLosses = [];
    this.stripInFlight = null;
    this.checkpointInFlight = null;
    this.divergence = null;
    this.failure = null;
    this.watch.forgetRecent();
  }

  /** Frees the model's buffers; on a device that is gone this may fail, and nothing is left to free. */
  disposeTrainer(): void {
    try {
      this.trainer.dispose();
    } catch {
      // A lost device: its buffers went with it.
    }
  }

  private lossLanded(step: number, loss: number): void {
    this.unsentPoints.push({ step, loss });
    this.lastLoss = loss;
    const seen = this.watch.observe(loss);
    if (seen) this.divergence ??= { seen, step };
  }

  /** The losses read back before the checkpoint have landed by now (the queue keeps order), so the watch has seen them. */
  private judge(checkpoint: Checkpoint): void {
    const verdict = judgeCheckpoint({ finite: checkpoint.finite, calm: this.watch.calm, diverged: this.divergence !== null });
    if (verdict === 'diverged') this.divergence ??= { seen: "the model's weights became NaN or infinite", step: checkpoint.step };
    else if (verdict === 'good') this.lastGood = checkpoint;
  }

  private async endEpoch(): Promise<void> {
    await this.settle();
    this.postProgress(true);
    const { accuracy, loss } = await this.trainer.evaluate();
    const { epoch, step } = this.trainer;
    post({ type: 'epoch', epoch, step, testAccuracy: accuracy, testLoss: loss });
    await this.predictStrip();
  }
}
