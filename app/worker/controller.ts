// The worker's state and what each command does to it. It keeps a run alive through faults: a
// lost GPU device moves it to a new one from its last checkpoint, a diverged model pauses with a
// way back, a dataset that fails to load can be loaded again, and a GPU error ends the run it
// struck with its message while the worker and the page go on.
import {
  BackendError,
  Engine,
  ReadCancelledError,
  INPUT_SIZE,
  WebGpuBackend,
  capacityOf,
  loadMnistInBrowser,
  uploadMnist,
  type Backend,
  type Mnist,
  type MnistSet,
  type TrainConfig,
} from '../../gpu';
import type { Command, InjectedError, Phase, RestoreCause, TestSample, WorkerStatus } from '../protocol';
import { requestBackend } from './device';
import { rollbackLearningRate, spreadIndices } from './policy';
import { Run, type Session } from './run';
import { errorText, post } from './transport';

const STRIP_SIZE = 16;

/** Test images spread over the whole test set, the same ones for every run. */
function stripSamples(test: MnistSet): TestSample[] {
  return spreadIndices(test.count, STRIP_SIZE).map((index) => ({
    index,
    label: test.labels[index],
    image: test.images.slice(index * INPUT_SIZE, (index + 1) * INPUT_SIZE),
  }));
}

export class Controller {
  private phase: Phase = 'loading';
  private shownPhase: Phase = 'loading';
  /** Why the device was lost, from the loss until the run is on a new one; the page sees 'recovering' meanwhile. */
  private lostReason: string | null = null;
  /** Device losses so far: a recovery that sees another one start under it leaves the work to that one's recovery. */
  private losses = 0;
  private baseUrl = '/';
  private defaultLimits = false;
  private backend: Backend | null = null;
  private engine: Engine | null = null;
  private stopListening = () => {};
  /** The dataset stays on the CPU too, so that a new device can be given it again. */
  private mnist: Mnist | null = null;
  private session: Session | null = null;
  private run: Run | null = null;
  private loop: Promise<void> = Promise.resolve();
  /** Stops the loop at once, without waiting for what it awaits: a lost device may never answer. */
  private abandonLoop = () => {};
  /** Commands, and recoveries from a lost device, are carried out one after another in this queue. */
  private queue: Promise<unknown> = Promise.resolve();

  /** Called for failures no command waits for; also given to runs for their background work. */
  readonly report = (error: unknown): void => {
    // When the device goes, everything that used it fails: the loss is said once, by deviceLost().
    // A read cut off that way may fail before the device's loss is even known.
    if (!this.lostReason && !(error instanceof ReadCancelledError)) post({ type: 'error', message: errorText(error) });
  };

  init(baseUrl: string, defaultLimits: boolean): Promise<void> {
    return this.enqueue(async () => {
      this.baseUrl = baseUrl;
      this.defaultLimits = defaultLimits;
      this.engine = await this.connectBackend();
      await this.loadData();
    });
  }

  /** Carries out `command` after those before it; rejects, with the reason, when it cannot be. */
  perform(command: Command): Promise<void> {
    let usedBackend: Backend | null = null;
    const attempt = () =>
      this.enqueue(() => {
        usedBackend = this.backend;
        return this.handle(command);
      });
    return attempt().catch(async (error: unknown) => {
      if (!(error instanceof ReadCancelledError) || !usedBackend) throw error;
      // The device went away under the command. Its loss queues the move to a new device, so the
      // command, queued again once the loss is known, is carried out there.
      await usedBackend.lost;
      return attempt().catch((again: unknown) => {
        if (!(again instanceof ReadCancelledError)) throw again;
        throw new Error('the GPU device was lost twice while this was being done; try again', { cause: again });
      });
    });
  }

  private enqueue(work: () => Promise<void>): Promise<void> {
    const done = this.queue.then(work).catch((error: unknown) => {
      // A failure that leaves the worker without its dataset means it cannot go on.
      if (!this.session && !this.lostReason) this.setPhase('failed');
      throw error;
    });
    this.queue = done.catch(() => {});
    return done;
  }

  private async handle(command: Command): Promise<void> {
    switch (command.type) {
      case 'load-data':
        if (!this.mnist) await this.loadData();
        return;
      case 'configure':
        await this.configure(command.config);
        return;
      case 'train':
        this.startLoop(await this.configure(command.config));
        return;
      case 'pause':
        return this.stopRun();
      case 'resume':
        if (this.phase !== 'paused') throw new Error(`there is no paused run to resume (the run is ${this.phase})`);
        this.startLoop(this.continuable());
        return;
      case 'step':
        if (this.phase !== 'ready' && this.phase !== 'paused') throw new Error(`a single step needs a run that is ready or paused (it is ${this.phase})`);
        return this.stepOnce(this.continuable());
      case 'set-lr':
        if (!this.run) throw new Error('there is no run whose learning rate could change');
        this.run.trainer.setLearningRate(command.lr);
        return;
      case 'rollback':
        return this.rollback();
    }
  }

  async predict(pixels: Float32Array): Promise<Float32Array | null> {
    return this.run ? this.run.predict(pixels) : null;
  }

  status(): WorkerStatus {
    const counters = this.backend?.counters();
    const { run } = this;
    return {
      backend: this.backend?.kind ?? null,
      adapter: this.backend?.adapter ?? null,
      running: this.shownPhase === 'running',
      config: run ? { ...run.trainer.config, lr: run.learningRate } : null,
      step: run?.trainer.step ?? 0,
      epoch: run?.trainer.epoch ?? 0,
      lastLoss: run?.lastLoss ?? null,
      checkpointStep: run?.lastGood.step ?? null,
      buffers: counters?.buffersHeld ?? 0,
      bytes: counters?.bytesHeld ?? 0,
      cachedBindGroups: counters?.cachedBindGroups ?? 0,
      cachedUniforms: counters?.cachedUniforms ?? 0,
      pooledBuffers: counters?.pooledBuffers ?? 0,
    };
  }

  /** What a driver reset does: the device goes, without our backend knowing beforehand. */
  loseDevice(): void {
    if (this.backend instanceof WebGpuBackend) this.backend.device.destroy();
  }

  injectError(kind: InjectedError): void {
    this.backend?.injectError(kind);
  }

  private setPhase(next: Phase): void {
    this.phase = next;
    this.showPhase();
  }

  private showPhase(): void {
    const shown = this.lostReason ? 'recovering' : this.phase;
    if (shown === this.shownPhase) return;
    this.shownPhase = shown;
    post({ type: 'phase', phase: shown });
  }

  private async connectBackend(): Promise<Engine> {
    const { backend, reason } = await requestBackend(this.defaultLimits);
    this.stopListening();
    this.backend = backend;
    const { kind, adapter } = backend;
    post({ type: 'backend', backend: kind, adapter, webgpu: kind === 'webgpu', reason, ...capacityOf(backend) });
    void backend.lost.then((why) => {
      // Our own destroy() of a device already replaced resolves `lost` too: only the one in use counts.
      if (backend === this.backend) this.deviceLost(why);
    });
    this.stopListening = backend.onError((error) => {
      if (backend === this.backend) this.endRunByError(error);
    });
    return new Engine(backend);
  }

  /** A failed load is said with its reason, and waits for a 'load-data' to try again. */
  private async loadData(): Promise<void> {
    let postedPercent = -1;
    try {
      this.mnist = await loadMnistInBrowser({
        baseUrl: this.baseUrl,
        onProgress: ({ loadedBytes, totalBytes }) => {
          const percent = Math.floor((100 * loadedBytes) / totalBytes);
          if (percent === postedPercent) return;
          postedPercent = percent;
          post({ type: 'data-progress', loadedBytes, totalBytes });
        },
      });
    } catch (error) {
      post({ type: 'data-failed', message: errorText(error) });
      return;
    }
    this.session = this.createSession(this.engine!, this.mnist);
    post({ type: 'data-ready', trainCount: this.mnist.train.count, testCount: this.mnist.test.count, samples: this.session.samples });
  }

  private createSession(engine: Engine, dataset: Mnist): Session {
    return { engine, data: uploadMnist(engine, dataset), samples: stripSamples(dataset.test) };
  }

  private deviceLost(why: string): void {
    this.lostReason = why;
    this.losses++;
    this.abandonLoop();
    // The abandoned loop never gets to stop the clock itself: recovering is not training time.
    this.run?.trainer.throughput.stop();
    post({ type: 'device-lost', reason: why });
    this.showPhase();
    this.enqueue(() => this.recover()).catch(this.report);
  }

  /** Moves everything to a new device: the dataset from its CPU copy, the run from its last good checkpoint. */
  private async recover(): Promise<void> {
    const recovering = this.losses;
    const lost = this.backend;
    try {
      this.engine = await this.connectBackend();
      lost?.destroy();
      if (this.mnist) this.session = this.createSession(this.engine, this.mnist);
      if (this.run && this.session) await this.restoreRun(this.run, this.session, 'device-lost', this.run.learningRate);
    } catch (error) {
      if (recovering !== this.losses) return;
      this.lostReason = null;
      this.report(`Training could not move to a new device: ${errorText(error)}`);
      this.setPhase('failed');
      return;
    }
    if (recovering !== this.losses) return;
    this.lostReason = null;
    this.showPhase();
    if (this.phase === 'running' && this.run) this.startLoop(this.run);
  }

  /**
   * A GPU error (out of memory, validation, internal) ends the run it struck: the state on the
   * device can no longer be trusted, and no loss from the failed work is reported. The worker, the
   * dataset and the page go on; Train starts a fresh run.
   */
  private endRunByError(error: BackendError): void {
    const { run } = this;
    if (!run) return this.report(error);
    this.abandonLoop();
    this.run = null;
    run.disposeTrainer();
    post({ type: 'run-failed', message: `The run was ended by a GPU error: ${error.message}` });
    this.setPhase('errored');
    void this.backend?.trim().catch(this.report);
  }

  private async restoreRun(current: Run, target: Session, cause: RestoreCause, lr: number): Promise<void> {
    current.restore(target, lr);
    const { step, epoch, config } = current.trainer;
    post({ type: 'restored', cause, step, epoch, config });
    current.postProgress(true);
    await current.predictStrip();
  }

  private async rollback(): Promise<void> {
    const { run, session } = this;
    if (!run?.divergence || !session) throw new Error('only a diverged run can be rolled back');
    await this.restoreRun(run, session, 'rollback', rollbackLearningRate(run.learningRate));
    this.startLoop(run);
  }

  private continuable(): Run {
    const { run } = this;
    if (!run) throw new Error('there is no run yet: press Train');
    if (run.finished) throw new Error('the run has finished all its epochs');
    if (run.divergence) throw new Error('the run diverged: roll back or train a fresh model');
    if (run.failure) throw new Error(`the run cannot go on: ${run.failure.message}`);
    return run;
  }

  private async stopRun(): Promise<void> {
    if (this.phase === 'running') this.setPhase('paused');
    await this.loop;
  }

  private async configure(config: TrainConfig): Promise<Run> {
    const { session, backend } = this;
    if (!session || !backend) throw new Error('The dataset is not loaded yet.');
    await this.stopRun();
    // Built before the old model goes, so a config the device refuses leaves the old one usable;
    // inside error scopes, so that a device that cannot hold it says so here.
    const fresh = await backend.guard(() => Run.create(session, config, this.report));
    this.run?.disposeTrainer();
    this.run = fresh;
    // The old model's buffers go back to the device before the page hears of the new one.
    await backend.trim();
    post({ type: 'model', config, stepsPerEpoch: fresh.trainer.stepsPerEpoch });
    this.setPhase('ready');
    await fresh.predictStrip();
    return fresh;
  }

  /**
   * Whenever training stops: the phase it stops in, a checkpoint (one at every pause), the strip as
   * the model now sees it, and why if it diverged.
   */
  private async afterStop(current: Run): Promise<void> {
    if (current.failure) throw current.failure;
    this.setPhase(current.finished ? 'finished' : 'paused');
    await current.checkpoint();
    await current.predictStrip();
    if (!current.divergence) return;
    const { seen, step } = current.divergence;
    post({ type: 'diverged', seen, step, rollback: { step: current.lastGood.step, lr: rollbackLearningRate(current.learningRate) } });
  }

  /** The run's first step runs inside error scopes: a device that cannot run it says so, and the run ends with that. */
  private async firstStep(current: Run): Promise<void> {
    await this.backend!.guard(() => current.stepOnce());
  }

  private async trainLoop(current: Run, abandoned: () => boolean): Promise<void> {
    const keepGoing = () => this.phase === 'running' && !abandoned() && current.canContinue;
    try {
      if (current.trainer.step === 0 && keepGoing()) await this.firstStep(current);
      if (keepGoing()) {
        for await (const step of current.trainer.steps(keepGoing)) {
          await current.stepped(step);
          current.postProgress();
          current.refreshStrip();
          current.checkpointIfDue();
        }
      }
      if (abandoned()) return;
      await current.settle();
    } finally {
      if (!abandoned()) current.postProgress(true);
    }
    await this.afterStop(current);
  }

  private startLoop(current: Run): void {
    this.setPhase('running');
    let abandoned = false;
    const training = this.trainLoop(current, () => abandoned).catch((error: unknown) => {
      // A read cut off by a lost device: the loss abandons this loop, and recovery starts another.
      if (abandoned || error instanceof ReadCancelledError) return;
      if (error instanceof BackendError) return this.endRunByError(error);
      this.report(error);
      this.setPhase('paused');
    });
    const abandon = new Promise<void>((resolve) => {
      this.abandonLoop = () => {
        abandoned = true;
        resolve();
      };
    });
    this.loop = Promise.race([training, abandon]);
  }

  private async stepOnce(current: Run): Promise<void> {
    try {
      await (current.trainer.step === 0 ? this.firstStep(current) : current.stepOnce());
    } catch (error) {
      if (error instanceof BackendError) this.endRunByError(error);
      throw error;
    } finally {
      current.postProgress(true);
    }
    await this.afterStop(current);
  }
}
