// One run: its model (on the device, or parked as a checkpoint on the CPU), its checkpoints, and
// the bookkeeping of what the page is shown of it. Everything it says names it by its id.
import { said, SaidError, type Said } from '../i18n/said';
import { ReadCancelledError, Throughput, Trainer, type Checkpoint, type SubmittedStep, type TrainConfig } from '../../gpu';
import { DivergenceWatch } from '../divergence';
import type { FromWorker, InjectedError, LossPoint, LrChange, RestoreCause, RunId, RunState, RunStatus } from '../protocol';
import { Checkpoints } from './checkpoints';
import { Insides } from './insides';
import { LearningRate, withLearningRate } from './learning-rate';
import { PROGRESS_INTERVAL_MS, reportDue, rollbackLearningRate } from './policy';
import { buildInScopes, type Session } from './session';
import { failureSaid } from './transport';

export interface RunHooks {
  post(message: FromWorker): void;
  /** A failure of background work that no command waits for. */
  report(error: unknown): void;
}

/** What showed that the run diverged, and when. */
type Divergence = { seen: Said; step: number };

export class Run {
  state: RunState;
  lastLoss: number | null = null;
  /** When the run was last trained, stepped or asked: the least recently used stopped run is parked first. */
  lastUsedMs = performance.now();
  /** An error a test asked for, raised inside this run's next step. */
  injection: InjectedError | null = null;
  /** null while the run is parked, or after a GPU error ended it. */
  private trainer: Trainer | null = null;
  private session: Session | null = null;
  private readonly rate: LearningRate;
  private divergence: Divergence | null = null;
  /** The run has been deleted: it says nothing more and is never given a model again. */
  private discarded = false;
  private readonly watch = new DivergenceWatch();
  /** Losses being read back, and other read-backs (strip, checkpoint, test evaluation, insides). */
  private readonly losses = new Set<Promise<unknown>>();
  private readonly background = new Set<Promise<unknown>>();
  /** What the page is shown of the model besides its losses: the strip, and its insides while watched. */
  readonly insides: Insides;
  /** Where the last rollback went: a run stuck after it goes back there again (see rollbackPoint). */
  private rollbackOrigin: Checkpoint | null = null;
  private stopping: Promise<void> | null = null;
  private unsentPoints: LossPoint[] = [];
  private lastPostMs = 0;

  private constructor(
    readonly id: RunId,
    private readonly baseConfig: TrainConfig,
    readonly trainCount: number,
    readonly initialWeightsHash: string,
    private readonly checkpoints: Checkpoints,
    state: RunState,
    private readonly hooks: RunHooks,
    /** The run's clock, carried from trainer to trainer; `priorMs` is its time before this worker held it. */
    private readonly throughput = new Throughput(),
    private readonly priorMs = 0,
    lrChanges: readonly LrChange[] = [],
  ) {
    this.state = state;
    this.rate = new LearningRate(checkpoints.latest.config.lr, lrChanges, (lr, changes) => this.say({ type: 'lr-changes', runId: id, lr, changes: [...changes] }));
    this.insides = new Insides(id, {
      say: (message) => this.say(message),
      report: hooks.report,
      current: (trainer) => this.current(trainer),
      track: (work) => this.track(this.background, work),
    });
  }

  /** A fresh model and its step-0 checkpoint, so that even its first steps can be gone back to. */
  static async create(session: Session, id: RunId, config: TrainConfig, hooks: RunHooks): Promise<Run> {
    const throughput = new Throughput();
    const trainer = await buildInScopes(session.engine.backend, () => new Trainer(session.engine, session.data, config, throughput));
    try {
      const initial = await trainer.checkpoint();
      const run = new Run(id, config, session.data.train.count, trainer.model.initialWeightsHash, new Checkpoints(initial), 'ready', hooks, throughput);
      run.trainer = trainer;
      run.session = session;
      return run;
    } catch (error) {
      trainer.dispose();
      throw error;
    }
  }

  /** A run the page kept, held parked until it is resumed, stepped or asked to predict. */
  static adopt(id: RunId, checkpoint: Checkpoint, state: RunState, trainCount: number, elapsedMs: number, lrChanges: readonly LrChange[], hooks: RunHooks): Run {
    const { config, initialWeightsHash } = checkpoint;
    return new Run(id, config, trainCount, initialWeightsHash, new Checkpoints(checkpoint), state, hooks, new Throughput(), elapsedMs, lrChanges);
  }

  get config(): TrainConfig {
    return { ...this.baseConfig, lr: this.rate.lr };
  }

  get live(): boolean {
    return this.trainer !== null;
  }

  /** The model the loop steps, while the run trains. */
  get model(): Trainer | null {
    return this.trainer;
  }

  get step(): number {
    return this.trainer?.step ?? this.checkpoints.latest.step;
  }

  get epoch(): number {
    return this.trainer?.epoch ?? this.checkpoints.latest.epoch;
  }

  get stepsPerEpoch(): number {
    return Math.ceil(this.trainCount / this.baseConfig.batchSize);
  }

  /** Still stepped by the loop: training, not on its way out. */
  get inLoop(): boolean {
    return this.state === 'training' && !this.stopping && !this.discarded && this.trainer !== null && !this.trainer.finished;
  }

  /** Stopped and settled: its model may be parked, or stepped once. */
  get idle(): boolean {
    return this.state !== 'training' && !this.stopping;
  }

  get seconds(): number {
    return (this.priorMs + this.throughput.elapsedMs) / 1000;
  }

  status(): RunStatus {
    const { id, config, state, step, epoch, lastLoss, live, initialWeightsHash } = this;
    return { id, config, state, step, epoch, lastLoss, checkpointStep: this.checkpoints.lastGood.step, live, initialWeightsHash, lrChanges: [...this.rate.changes] };
  }

  /** From the next step the trainer submits on, recorded at the steps submitted so far. */
  setLearningRate(lr: number): void {
    this.rate.set(this.step, lr);
    this.trainer?.setLearningRate(lr);
  }

  setState(state: RunState): void {
    if (state === this.state) return;
    this.state = state;
    this.say({ type: 'run-state', runId: this.id, state });
  }

  /**
   * Books a step `trainer` submitted; at the end of an epoch waits for its losses and evaluates on
   * the test set. A step of a trainer the run no longer has (it failed, was restored or deleted
   * since) is let go.
   */
  async stepped(trainer: Trainer, { step, loss, accuracy, epochEnded, norms }: SubmittedStep): Promise<void> {
    const seconds = this.seconds;
    if (loss && accuracy) {
      const landed: Promise<void> = Promise.all([loss, accuracy]).then(
        ([value, share]) => (this.current(trainer) ? this.landed({ step, loss: value, accuracy: share, seconds }) : undefined),
        (error: unknown) => {
          // A read cut off by a lost device is no fault of the run: the recovery restores it.
          if (this.current(trainer) && !(error instanceof ReadCancelledError)) this.fail(failureSaid(error));
        },
      );
      if (this.current(trainer)) this.track(this.losses, landed);
    }
    if (!this.current(trainer)) return;
    this.insides.stepped(trainer, norms);
    if (epochEnded) await this.track(this.background, this.endEpoch(trainer));
    if (this.current(trainer) && trainer.finished && this.state === 'training') void this.stop().catch(this.hooks.report);
  }

  /** Between the loop's steps: the page told at most every PROGRESS_INTERVAL_MS, a checkpoint when due, the strip and (while watched) the insides sampled. */
  afterStep(): void {
    this.postProgress();
    const trainer = this.trainer!;
    const now = performance.now();
    if (this.checkpoints.due(trainer, now)) void this.checkpoint().catch(this.hooks.report);
    this.insides.afterStep(trainer, this.session!.samples, now);
  }

  /**
   * Leaves the training loop (its steps end at once); when what it submitted has landed: a
   * checkpoint, the state it stops in, its weights for the page, the strip. A stop cut off by a
   * lost device leaves the run training, for the recovery to carry on.
   */
  stop(): Promise<void> {
    if (this.stopping) return this.stopping;
    const stopping: Promise<void> = this.settle()
      .then(() => this.concludeStop())
      .catch((error: unknown) => {
        if (error instanceof ReadCancelledError) throw error;
        this.fail(failureSaid(error));
      })
      .finally(() => {
        if (this.stopping === stopping) this.stopping = null;
      });
    this.stopping = stopping;
    return stopping;
  }

  /** Resolves when a stop under way is done (at once when none is). */
  get stopped(): Promise<void> {
    return this.stopping ?? Promise.resolve();
  }

  /** The device is gone: the time until the run is on a new one is not training time. */
  stopClock(): void {
    this.throughput.stop();
  }

  /** One step outside the loop, its loss read back, then what every stop does. */
  async stepOnce(submit: (trainer: Trainer) => SubmittedStep): Promise<void> {
    const trainer = this.trainer!;
    this.lastUsedMs = performance.now();
    this.throughput.start();
    this.insides.beforeStep(trainer);
    try {
      await this.stepped(trainer, submit(trainer));
      await this.settle();
    } finally {
      this.throughput.stop();
    }
    await this.concludeStop();
  }

  /** Puts a parked run's model back on the device, as it was when parked. */
  async unpark(session: Session): Promise<void> {
    if (this.discarded) throw new SaidError(said('worker', 'deleted', this.id));
    const checkpoint = withLearningRate(this.checkpoints.latest, this.rate.lr);
    this.trainer = await buildInScopes(session.engine.backend, () => Trainer.restore(session.engine, session.data, checkpoint, this.throughput));
    this.session = session;
  }

  /** Frees the model (the run stays as its latest checkpoint, on the CPU), once its read-backs are done. */
  async park(): Promise<void> {
    await this.settle();
    this.dropTrainer();
  }

  /** Where a rollback goes: a diverged run to its last good checkpoint; one rolled back before, to where that went; else nowhere. */
  get rollbackPoint(): Checkpoint | null {
    return this.state === 'diverged' ? this.checkpoints.lastGood : this.rollbackOrigin;
  }

  /**
   * Goes back to `to` (the last good checkpoint unless said), on `session` (a new device, or the
   * one in use) with learning rate `lr`. The steps after it will be trained again; what was in
   * flight on the old trainer is let go on purpose (every continuation checks it is still current).
   */
  restore(session: Session, cause: RestoreCause, lr = this.rate.lr, to = this.checkpoints.lastGood): void {
    const back = withLearningRate(to, lr);
    const trainer = Trainer.restore(session.engine, session.data, back, this.throughput);
    this.dropTrainer();
    this.trainer = trainer;
    this.session = session;
    this.rate.backTo(back.step, lr);
    this.checkpoints.reset(back);
    if (cause === 'rollback') this.rollbackOrigin = to;
    this.insides.restored(back.step);
    this.unsentPoints = this.unsentPoints.filter((p) => p.step <= back.step);
    this.losses.clear();
    this.background.clear();
    this.stopping = null;
    this.divergence = null;
    this.watch.forgetRecent();
    const { step, epoch } = back;
    this.say({ type: 'restored', runId: this.id, cause, step, epoch, config: this.config });
    this.postProgress(true);
  }

  /** Ends the run for good: its model's state can no longer be trusted. Kept for viewing. */
  fail(message: Said): void {
    if (this.state === 'failed' || this.discarded) return;
    this.dropTrainer();
    this.unsentPoints = [];
    this.say({ type: 'run-failed', runId: this.id, message });
    this.setState('failed');
  }

  /** Deleted: it leaves the loop, says nothing more, and its model goes once what it submitted is done. */
  async discard(deviceLost: Promise<unknown>): Promise<void> {
    this.discarded = true;
    await Promise.race([this.settle(), deviceLost]);
    this.dropTrainer();
  }

  /** `work` on the live model (a drawing, an evaluation, an inspection), counted as a use and among its read-backs: a park waits for it. */
  use<T>(work: (trainer: Trainer) => Promise<T>): Promise<T> {
    if (!this.trainer) throw new SaidError(said('worker', 'noModel', this.id));
    this.lastUsedMs = performance.now();
    return this.track(this.background, work(this.trainer));
  }

  /** What the model makes of the strip's test images now. */
  predictStrip(): Promise<void> {
    return this.trainer && this.session ? this.insides.strip(this.trainer, this.session.samples) : Promise.resolve();
  }

  postProgress(force = false): void {
    const now = performance.now();
    if (!this.trainer || !reportDue(now, this.lastPostMs, PROGRESS_INTERVAL_MS, force)) return;
    this.lastPostMs = now;
    const { step, epoch } = this.trainer;
    const { recent } = this.throughput;
    const elapsedMs = this.priorMs + this.throughput.elapsedMs;
    this.say({ type: 'progress', runId: this.id, points: this.unsentPoints.splice(0), step, epoch, samplesPerSec: recent, elapsedMs });
  }

  /** Waits until every read-back asked of this run so far has landed (or failed). */
  async settle(): Promise<void> {
    while (this.losses.size + this.background.size > 0) await Promise.allSettled([...this.losses, ...this.background]);
  }

  private current(trainer: Trainer): boolean {
    return trainer === this.trainer && !this.discarded;
  }

  private say(message: FromWorker): void {
    if (!this.discarded) this.hooks.post(message);
  }

  private track<T>(set: Set<Promise<unknown>>, work: Promise<T>): Promise<T> {
    set.add(work);
    void work.catch(() => {}).finally(() => set.delete(work));
    return work;
  }

  /** After the loop or a single step: a checkpoint of the model as it stopped, the state, the weights, the strip. */
  private async concludeStop(): Promise<void> {
    const trainer = this.trainer;
    if (!trainer || !this.current(trainer)) return;
    this.postProgress(true);
    await this.checkpoint();
    if (!this.current(trainer)) return;
    this.lastUsedMs = performance.now();
    this.setState(this.divergence ? 'diverged' : trainer.finished ? 'finished' : 'paused');
    // The page keeps these weights; for a diverged run, the ones a rollback would start from.
    this.say({ type: 'weights', runId: this.id, checkpoint: this.divergence ? this.checkpoints.lastGood : this.checkpoints.latest });
    if (this.divergence) {
      const { seen, step } = this.divergence;
      const rollback = { step: this.checkpoints.lastGood.step, lr: rollbackLearningRate(this.rate.lr) };
      this.say({ type: 'diverged', runId: this.id, seen, step, rollback });
    }
    if (this.insides.watched) void this.insides.probe(trainer).catch(this.hooks.report);
    await this.predictStrip();
  }

  /** Takes a checkpoint of the model as it is now and waits for it (a move to another backend starts from it); a model gone NaN diverged. */
  async checkpoint(): Promise<void> {
    const trainer = this.trainer;
    if (!trainer) return;
    const { step } = trainer;
    const facts = () => ({ current: this.current(trainer), calm: this.watch.calm, diverged: this.divergence !== null });
    const taking = this.checkpoints.take(trainer, facts);
    void this.track(this.background, taking.then(() => {}));
    if ((await taking) === 'diverged') this.diverged({ seen: said('worker', 'weightsNotFinite'), step });
  }

  private landed(point: LossPoint): void {
    this.unsentPoints.push(point);
    this.lastLoss = point.loss;
    const seen = this.watch.observe(point.loss);
    if (seen) this.diverged({ seen, step: point.step });
  }

  /** Seen once; a training run then leaves the loop, and the others go on. */
  private diverged(divergence: Divergence): void {
    this.divergence ??= divergence;
    if (this.state === 'training') void this.stop().catch(this.hooks.report);
  }

  private async endEpoch(trainer: Trainer): Promise<void> {
    await Promise.allSettled([...this.losses]);
    if (!this.current(trainer)) return;
    this.postProgress(true);
    try {
      const { epoch, step } = trainer;
      const { accuracy, loss, confusion } = await this.insides.evaluate(trainer);
      if (!this.current(trainer)) return;
      this.say({ type: 'epoch', runId: this.id, epoch, step, testAccuracy: accuracy, testLoss: loss, seconds: this.seconds, confusion });
      await this.predictStrip();
    } catch (error) {
      if (error instanceof ReadCancelledError) throw error;
      if (this.current(trainer)) this.fail(failureSaid(error));
    }
  }

  /** Frees the model's buffers; on a device that is gone this may fail, and nothing is left to free. */
  private dropTrainer(): void {
    try {
      this.trainer?.dispose();
    } catch {
      // A lost device: its buffers went with it.
    }
    this.trainer = null;
    this.session = null;
  }
}
