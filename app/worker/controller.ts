// The worker as a whole: its backend and dataset, its phase, the queue its commands are carried
// out in, and the faults that reach beyond one command. A lost GPU device moves every run to a new
// one; a GPU error ends the run it struck (or, when no run's scopes caught it, every run that was
// training) while the worker and the page go on; a dataset that fails to load can be loaded again.
import { messages, setLanguage } from '../i18n/messages';
import { said, SaidError, word, type Said } from '../i18n/said';
import type { Language } from '../i18n/language';
import {
  Engine,
  ReadCancelledError,
  WebGpuBackend,
  capacityOf,
  loadMnistInBrowser,
  type Backend,
  type DeviceLoss,
  type Mnist,
  type MnistProgress,
  type WebGpuUnavailable,
} from '../../gpu';
import type { BackendChoice, BackendReason, Command, FromWorker, InjectedError, RestoreCause, RunId, WorkerPhase, WorkerStatus } from '../protocol';
import { Commands } from './commands';
import { requestBackend } from './device';
import { errorVictims } from './policy';
import { Recovery } from './recovery';
import { Requests } from './requests';
import type { Run, RunHooks } from './run';
import { Runs } from './runs';
import { createSession, type Session } from './session';
import { StepRefused, TrainingLoop } from './training-loop';
import { adapterSaid, errorSaid, failureSaid, lossSaid, post } from './transport';

/** What the worker takes from its surroundings: the browser's, or a test's. */
export interface Surroundings {
  post(message: FromWorker): void;
  requestBackend(defaultLimits: boolean, choice: BackendChoice): Promise<{ backend: Backend; reason?: BackendReason; trial?: { webgpuMs: number; wasmMs: number }; webgpuMissing?: Said; unavailable?: WebGpuUnavailable }>;
  loadMnist(options: { baseUrl: string; precached: boolean; onProgress: (progress: MnistProgress) => void }): Promise<Mnist>;
}

const BROWSER: Surroundings = { post: (message) => post(message), requestBackend, loadMnist: loadMnistInBrowser };

export class Controller {
  private phase: WorkerPhase = 'loading';
  private shownPhase: WorkerPhase = 'loading';
  private readonly recovery = new Recovery();
  private baseUrl = '/';
  /** A service worker holds MNIST: the loader keeps no copy of its own. */
  private precached = false;
  private defaultLimits = false;
  private choice: BackendChoice = 'auto';
  private backend: Backend | null = null;
  private engine: Engine | null = null;
  private stopListening = () => {};
  /** The dataset stays on the CPU too, so that a new device can be given it again. */
  private mnist: Mnist | null = null;
  private current: Session | null = null;
  private readonly runs = new Runs();
  private readonly loop = new TrainingLoop({
    training: () => this.runs.training(),
    submit: (run, submit) => this.submitInScopes(run, submit),
    failed: (error) => this.endByError(error, null),
  });
  /** Commands, and recoveries from a lost device, are carried out one after another in this queue. */
  private queue: Promise<unknown> = Promise.resolve();

  /** Called for failures no command waits for; also given to runs for their background work. */
  readonly report = (error: unknown): void => {
    // When the device goes, everything that used it fails: the loss is said once, by deviceLost().
    // A read cut off that way may fail before the device's loss is even known.
    if (!this.recovery.reason && !(error instanceof ReadCancelledError)) this.say({ type: 'error', message: errorSaid(error) });
  };

  private readonly hooks: RunHooks = { post: (message) => this.say(message), report: this.report };

  private readonly commands = new Commands({
    runs: this.runs,
    loop: this.loop,
    hooks: this.hooks,
    session: () => this.session(),
    post: (message) => this.say(message),
    untilLost: (work) => this.untilLost(work),
    submitInScopes: (run, submit) => this.submitInScopes(run, submit),
  });

  /**
   * The page's questions about the models: a drawing's probabilities (a parked run's model is put
   * back on the device first when there is room, else its answer is null), an input inspected, an
   * activation's curve, a confusion-matrix cell's images.
   */
  readonly requests = new Requests({
    runs: this.runs,
    engine: () => this.engine,
    mnist: () => this.mnist,
    session: () => this.session(),
    enqueue: (work) => this.enqueue(work),
    untilLost: (work) => this.untilLost(work),
    report: this.report,
  });

  constructor(private readonly surroundings: Surroundings = BROWSER) {}

  init(baseUrl: string, defaultLimits: boolean, choice: BackendChoice = 'auto', precached = false): Promise<void> {
    return this.enqueue(async () => {
      this.baseUrl = baseUrl;
      this.precached = precached;
      this.defaultLimits = defaultLimits;
      this.choice = choice;
      try {
        await this.connectBackend();
        await this.loadData();
      } catch (error) {
        // Without a backend (a failed load is said, and can be tried again), the worker cannot go on.
        this.setPhase('failed');
        throw error;
      }
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
        throw new SaidError(said('worker', 'lostTwice'), { cause: again });
      });
    });
  }

  status(): WorkerStatus {
    const counters = this.backend?.counters();
    return {
      backend: this.backend?.kind ?? null,
      adapter: this.backend?.adapter ?? null,
      phase: this.shownPhase,
      runs: this.runs.status(),
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

  /** With a run: inside that run's next step; without: at once, outside any run. */
  injectError(kind: InjectedError, runId?: RunId): void {
    if (runId === undefined) return this.backend?.injectError(kind);
    const run = this.runs.find(runId);
    if (run) run.injection = kind;
    else this.report(new SaidError(said('worker', 'noRunToInject', runId)));
  }

  private say(message: FromWorker): void {
    this.surroundings.post(message);
  }

  private enqueue<T>(work: () => Promise<T>): Promise<T> {
    const done = this.queue.then(work);
    this.queue = done.catch(() => {});
    return done;
  }

  private async handle(command: Command): Promise<void> {
    switch (command.type) {
      case 'load-data':
        return this.mnist ? undefined : this.loadData();
      case 'create':
        return this.commands.create(command.runs, command.start);
      case 'pause':
        return this.commands.pause(command.runIds);
      case 'resume':
        return this.commands.resume(command.runIds);
      case 'step':
        return this.commands.step(command.runIds);
      case 'set-lr':
        return this.commands.setLearningRate(command.runId, command.lr);
      case 'rollback':
        return this.commands.rollback(command.runId);
      case 'delete':
        return this.commands.delete(command.runId);
      case 'adopt':
        return this.commands.adopt(command.runId, command.checkpoint, command.elapsedMs ?? 0, command.lrChanges ?? []);
      case 'watch':
        return this.commands.watch(command.runIds);
      case 'evaluate':
        return this.commands.evaluate(command.runId);
      case 'set-backend':
        return this.changeBackend(command.backend);
    }
  }

  private session(): Session {
    if (!this.current) throw new SaidError(said('worker', 'noDataset'));
    return this.current;
  }

  /** `work`, or a ReadCancelledError once the device it runs on is lost: what awaits a lost device may never be answered. */
  private untilLost<T>(work: Promise<T>): Promise<T> {
    const { backend } = this;
    if (!backend) return work;
    const lost = backend.lost.then((loss) => Promise.reject(new ReadCancelledError(word(said('worker', 'deviceLost', lossSaid(loss)), messages()))));
    return Promise.race([work, lost]);
  }

  /**
   * One run's step (or the submission of its held steps), encoded and submitted inside its own
   * error scopes: an error caught there ends that run alone. A step that cannot even be submitted
   * ends its run too.
   */
  private submitInScopes<T>(run: Run, submit: () => T): T {
    const backend = this.backend!;
    try {
      const { result, error } = backend.scoped(() => {
        const injected = run.injection;
        run.injection = null;
        if (injected) backend.injectError(injected);
        return submit();
      });
      void error.then((caught) => {
        if (caught && backend === this.backend) this.endByError(caught, run);
      });
      return result;
    } catch (error) {
      run.fail(failureSaid(error));
      throw new StepRefused(error);
    }
  }

  /**
   * A GPU error ends the runs it may have struck (see errorVictims): their state on the device can
   * no longer be trusted, and no loss from the failed work is reported.
   */
  private endByError(error: unknown, attributed: Run | null): void {
    const victims = errorVictims(this.runs.all(), attributed?.id ?? null);
    if (victims.length === 0) return this.report(error);
    for (const id of victims) this.runs.find(id)?.fail(failureSaid(error));
    void this.backend?.trim().catch(this.report);
  }

  private setPhase(next: WorkerPhase): void {
    this.phase = next;
    this.showPhase();
  }

  /** The page speaks `language` now: what this worker says from now on is in it. */
  languageChanged(language: Language): void {
    setLanguage(language);
  }

  private showPhase(): void {
    const shown = this.recovery.reason ? 'recovering' : this.phase;
    if (shown === this.shownPhase) return;
    this.shownPhase = shown;
    this.say({ type: 'phase', phase: shown });
  }

  private async connectBackend(): Promise<Engine> {
    const { backend, reason, trial, webgpuMissing, unavailable } = await this.surroundings.requestBackend(this.defaultLimits, this.choice);
    this.stopListening();
    this.backend = backend;
    const { kind } = backend;
    this.say({ type: 'backend', backend: kind, adapter: adapterSaid(backend), webgpu: kind === 'webgpu', reason, trial, webgpuMissing, unavailable, ...capacityOf(backend) });
    void backend.lost.then((loss) => {
      // Our own destroy() of a device already replaced resolves `lost` too: only the one in use counts.
      if (backend === this.backend) this.deviceLost(loss);
    });
    this.stopListening = backend.onError((error) => {
      if (backend === this.backend) this.endByError(error, null);
    });
    this.engine = new Engine(backend);
    this.requests.newBackend();
    return this.engine;
  }

  /** A failed load is said with its reason, and waits for a 'load-data' to try again. */
  private async loadData(): Promise<void> {
    let postedPercent = -1;
    try {
      this.mnist = await this.surroundings.loadMnist({
        baseUrl: this.baseUrl,
        precached: this.precached,
        onProgress: ({ loadedBytes, totalBytes }) => {
          const percent = Math.floor((100 * loadedBytes) / totalBytes);
          if (percent === postedPercent) return;
          postedPercent = percent;
          this.say({ type: 'data-progress', loadedBytes, totalBytes });
        },
      });
    } catch (error) {
      this.say({ type: 'data-failed', message: errorSaid(error) });
      return;
    }
    const session = createSession(this.engine!, this.mnist);
    this.current = session;
    this.say({ type: 'data-ready', trainCount: this.mnist.train.count, testCount: this.mnist.test.count, samples: session.samples });
    this.setPhase('ready');
  }

  private deviceLost(loss: DeviceLoss): void {
    const why = lossSaid(loss);
    this.recovery.lost(why);
    this.loop.abandon();
    // The abandoned loop never gets to stop the clocks itself: recovering is not training time.
    for (const run of this.runs.all()) run.stopClock();
    this.say({ type: 'device-lost', reason: why });
    this.showPhase();
    this.enqueue(() => this.recover()).catch(this.report);
  }

  /**
   * Another backend chosen: each run on the device is checkpointed where it is (the old backend
   * still answers), then everything moves as after a lost device, so each goes on from its step.
   */
  private async changeBackend(choice: BackendChoice): Promise<void> {
    this.choice = choice;
    this.loop.abandon();
    const live = this.runs.all().filter((run) => run.live);
    for (const run of live) run.stopClock();
    await Promise.all(
      live.map(async (run) => {
        await run.settle();
        await run.checkpoint();
      }),
    );
    await this.recover('backend-changed');
  }

  /** Everything onto a new device; the runs that were training train on there. */
  private async recover(cause: RestoreCause = 'device-lost'): Promise<void> {
    const lost = this.backend;
    const connect = async () => {
      const engine = await this.connectBackend();
      lost?.destroy();
      this.current = this.mnist ? createSession(engine, this.mnist) : null;
      return this.current;
    };
    let done: boolean;
    try {
      done = await this.recovery.recover(connect, this.runs, this.report, cause);
    } catch (error) {
      this.report(error);
      this.setPhase('failed');
      return;
    }
    if (!done) return;
    this.showPhase();
    this.loop.ensure();
  }
}
