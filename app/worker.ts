// The training engine, off the main thread: it owns the backend, the dataset and the model, and
// drives its own step loop so that pause, step and resume act between two steps. It keeps a run
// alive through faults: a lost GPU device moves it to a new one from its last checkpoint, a
// diverged model pauses with a way back, a dataset that fails to load can be loaded again.
import {
  CpuBackend,
  Engine,
  INPUT_SIZE,
  Trainer,
  WebGpuBackend,
  loadMnistInBrowser,
  requestWebGpuBackend,
  uploadMnist,
  type Backend,
  type Checkpoint,
  type DeviceData,
  type Mnist,
  type MnistSet,
  type TrainConfig,
} from '../gpu';
import { DivergenceWatch } from './divergence';
import type { FromWorker, LossPoint, Phase, RestoreCause, TestSample, ToWorker, WorkerStatus } from './protocol';

const PROGRESS_INTERVAL_MS = 100;
/** Samples per second are averaged over at least this long, so the figure does not flicker. */
const RATE_WINDOW_MS = 1000;
const STRIP_SIZE = 16;
/** How often the test strip follows the model while it trains. */
const STRIP_REFRESH_MS = 2000;
/** A checkpoint at least this often, besides one at the end of every epoch and one at every pause. */
const CHECKPOINT_INTERVAL_MS = 30_000;
/** A rollback after a divergence divides the learning rate by this. */
const ROLLBACK_LR_DIVISOR = 10;

function post(message: FromWorker, transfer: Transferable[] = []): void {
  self.postMessage(message, { transfer });
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** A model's outputs can only be shown while they are numbers. */
const allFinite = (values: Float32Array) => values.every(Number.isFinite);

interface Session {
  engine: Engine;
  data: DeviceData;
  samples: TestSample[];
}

/** One model being trained, with its checkpoints and the bookkeeping for what the page is shown. */
class Run {
  lastLoss: number | null = null;
  /** What showed that the run diverged, and when; training stops at the next chance. */
  divergence: { seen: string; step: number } | null = null;
  private readonly watch = new DivergenceWatch();
  private checkpointInFlight: Promise<void> | null = null;
  private checkpointStartedAt = performance.now();
  private checkpointedEpoch = 0;
  private unsentPoints: LossPoint[] = [];
  private pendingLosses: Promise<void>[] = [];
  private activeMs = 0;
  private clockStart: number | null = null;
  private rateWindowStart = 0;
  private rateWindowSamples = 0;
  private samplesPerSec = 0;
  private lastPost = 0;
  private stripInFlight: Promise<void> | null = null;
  private lastStripRefresh = 0;

  private constructor(
    private session: Session,
    public trainer: Trainer,
    /** The latest checkpoint taken while the run looked healthy: where a lost device or a rollback goes back to. */
    public lastGood: Checkpoint,
  ) {}

  /** A fresh model with its step-0 checkpoint, so that even its first steps can be gone back to. */
  static async create(session: Session, config: TrainConfig): Promise<Run> {
    const trainer = new Trainer(session.engine, session.data, config);
    try {
      return new Run(session, trainer, await trainer.checkpoint());
    } catch (error) {
      trainer.dispose();
      throw error;
    }
  }

  get finished(): boolean {
    return this.trainer.epoch >= this.trainer.config.epochs;
  }

  get learningRate(): number {
    return this.trainer.optimizer.learningRate;
  }

  /** Counts training time (and throughput) only while the run is actually working. */
  startClock(): void {
    this.clockStart = performance.now();
    this.rateWindowStart = this.clockStart;
    this.rateWindowSamples = 0;
  }

  stopClock(): void {
    if (this.clockStart !== null) this.activeMs += performance.now() - this.clockStart;
    this.clockStart = null;
  }

  /**
   * Submits one step; at the end of an epoch waits for it and evaluates on the test set.
   * `readLoss` asks for this step's loss even between the usual read-backs (the Step button).
   */
  async advance(readLoss = false): Promise<void> {
    const { trainer } = this;
    const step = trainer.step + 1;
    // The untrained model's loss, at step 1, is what divergence is measured against.
    const { loss, epochEnded } = trainer.trainStep({ readLoss: readLoss || step === 1 });
    this.rateWindowSamples += trainer.config.batchSize;
    if (loss) {
      this.pendingLosses.push(
        loss.then((value) => {
          // A trainer replaced since (by a restore) left steps that will be trained again.
          if (trainer === this.trainer) this.lossLanded(step, value);
        }),
      );
    }
    if (epochEnded) await this.endEpoch();
  }

  /** Waits until every loss and strip prediction asked for so far has landed. */
  async settle(): Promise<void> {
    await Promise.all([...this.pendingLosses.splice(0), this.stripInFlight]);
  }

  postProgress(force = false): void {
    const now = performance.now();
    if (!force && now - this.lastPost < PROGRESS_INTERVAL_MS) return;
    this.lastPost = now;
    if (now - this.rateWindowStart >= RATE_WINDOW_MS) {
      this.samplesPerSec = (this.rateWindowSamples * 1000) / (now - this.rateWindowStart);
      this.rateWindowStart = now;
      this.rateWindowSamples = 0;
    }
    const elapsedMs = this.activeMs + (this.clockStart === null ? 0 : now - this.clockStart);
    const { step, epoch } = this.trainer;
    post({ type: 'progress', points: this.unsentPoints.splice(0), step, epoch, samplesPerSec: this.samplesPerSec, elapsedMs });
  }

  /** Every few seconds, one refresh at a time, alongside the training steps. */
  refreshStrip(): void {
    if (this.stripInFlight || performance.now() - this.lastStripRefresh < STRIP_REFRESH_MS) return;
    this.stripInFlight = this.predictStrip()
      .catch(report)
      .finally(() => {
        this.stripInFlight = null;
      });
  }

  async predictStrip(): Promise<void> {
    this.lastStripRefresh = performance.now();
    const { trainer } = this;
    const { step } = trainer;
    const outputs = [];
    for (const sample of this.session.samples) outputs.push(await trainer.predict(Float32Array.from(sample.image, (v) => v / 255)));
    const predictions = outputs.every(allFinite)
      ? outputs.map((probabilities) => {
          const predicted = probabilities.indexOf(Math.max(...probabilities));
          return { predicted, confidence: probabilities[predicted] };
        })
      : null;
    post({ type: 'sample-predictions', step, predictions });
  }

  /** Starts a checkpoint at the end of every epoch and every CHECKPOINT_INTERVAL_MS; training goes on meanwhile. */
  checkpointIfDue(): void {
    const due = this.trainer.epoch > this.checkpointedEpoch || performance.now() - this.checkpointStartedAt >= CHECKPOINT_INTERVAL_MS;
    if (due && !this.checkpointInFlight) void this.checkpoint().catch(report);
  }

  /** Takes a checkpoint of the model as it is now (as at every pause) and waits for it. */
  async checkpoint(): Promise<void> {
    await this.checkpointInFlight;
    const { trainer } = this;
    if (this.divergence || this.lastGood.step === trainer.step) return;
    this.checkpointStartedAt = performance.now();
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
   * learning rate `lr`. The steps after the checkpoint will be trained again.
   */
  restore(session: Session, lr: number): void {
    const { lastGood } = this;
    const trainer = Trainer.restore(session.engine, session.data, { ...lastGood, config: { ...lastGood.config, lr } });
    this.trainer.dispose();
    this.session = session;
    this.trainer = trainer;
    this.unsentPoints = this.unsentPoints.filter((p) => p.step <= lastGood.step);
    this.pendingLosses = [];
    this.stripInFlight = null;
    this.checkpointInFlight = null;
    this.divergence = null;
    this.watch.forgetRecent();
  }

  private lossLanded(step: number, loss: number): void {
    this.unsentPoints.push({ step, loss });
    this.lastLoss = loss;
    const seen = this.watch.observe(loss);
    if (seen) this.divergence ??= { seen, step };
  }

  /** The losses read back before the checkpoint have landed by now (the queue keeps order), so the watch has seen them. */
  private judge(checkpoint: Checkpoint): void {
    if (!checkpoint.finite) this.divergence ??= { seen: "the model's weights became NaN or infinite", step: checkpoint.step };
    else if (this.watch.calm && !this.divergence) this.lastGood = checkpoint;
  }

  private async endEpoch(): Promise<void> {
    await this.settle();
    this.postProgress(true);
    const { accuracy, loss } = await this.trainer.evaluate();
    const { epoch, step } = this.trainer;
    post({ type: 'epoch', epoch, step, testAccuracy: accuracy, testLoss: loss });
    await this.predictStrip();
    // Evaluation time is not training throughput.
    this.rateWindowStart = performance.now();
    this.rateWindowSamples = 0;
  }
}

let phase: Phase = 'loading';
let shownPhase: Phase = 'loading';
/** Why the device was lost, from the loss until the run is on a new one; the page sees 'recovering' meanwhile. */
let lostReason: string | null = null;
/** Device losses so far: a recovery that sees another one start under it leaves the work to that one's recovery. */
let losses = 0;
let baseUrl = '/';
let defaultLimits = false;
let backend: Backend | null = null;
let engine: Engine | null = null;
/** The dataset stays on the CPU too, so that a new device can be given it again. */
let mnist: Mnist | null = null;
let session: Session | null = null;
let run: Run | null = null;
let loop: Promise<void> = Promise.resolve();
/** Stops the loop at once, without waiting for what it awaits: a lost device may never answer. */
let abandonLoop = () => {};

function setPhase(next: Phase): void {
  phase = next;
  showPhase();
}

function showPhase(): void {
  const shown = lostReason ? 'recovering' : phase;
  if (shown === shownPhase) return;
  shownPhase = shown;
  post({ type: 'phase', phase: shown });
}

function report(error: unknown): void {
  // While a lost device is being replaced, everything that used it fails: the loss is said once.
  if (!lostReason) post({ type: 'error', message: errorText(error) });
}

async function requestBackend(): Promise<{ backend: Backend; reason?: string }> {
  try {
    return { backend: defaultLimits ? await requestDefaultLimitsBackend() : await requestWebGpuBackend(navigator.gpu) };
  } catch (error) {
    return { backend: new CpuBackend('f32'), reason: errorText(error) };
  }
}

/** A device with WebGPU's default limits instead of the adapter's largest, as on a small GPU (?limits=default). */
async function requestDefaultLimitsBackend(): Promise<Backend> {
  const adapter = await navigator.gpu?.requestAdapter();
  if (!adapter) throw new Error('WebGPU is present but no adapter was found.');
  return new WebGpuBackend(await adapter.requestDevice(), adapter.info);
}

async function connectBackend(): Promise<Engine> {
  const { backend: chosen, reason } = await requestBackend();
  backend = chosen;
  const { kind, adapter, maxBufferElements } = chosen;
  post({ type: 'backend', backend: kind, adapter, webgpu: kind === 'webgpu', reason, maxBufferElements });
  void chosen.lost.then((why) => {
    // Our own destroy() of a device already replaced resolves `lost` too: only the one in use counts.
    if (chosen === backend) deviceLost(why);
  });
  return new Engine(chosen);
}

/** Test images spread over the whole test set, the same ones for every run. */
function stripSamples(test: MnistSet): TestSample[] {
  const stride = Math.floor(test.count / STRIP_SIZE);
  return Array.from({ length: STRIP_SIZE }, (_, i) => {
    const index = i * stride;
    return { index, label: test.labels[index], image: test.images.slice(index * INPUT_SIZE, (index + 1) * INPUT_SIZE) };
  });
}

function createSession(on: Engine, dataset: Mnist): Session {
  return { engine: on, data: uploadMnist(on, dataset), samples: stripSamples(dataset.test) };
}

async function init(message: Extract<ToWorker, { type: 'init' }>): Promise<void> {
  ({ baseUrl, defaultLimits } = message);
  engine = await connectBackend();
  await loadData();
}

/** A failed load is said with its reason, and waits for a 'load-data' to try again. */
async function loadData(): Promise<void> {
  let postedPercent = -1;
  try {
    mnist = await loadMnistInBrowser({
      baseUrl,
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
  session = createSession(engine!, mnist);
  post({ type: 'data-ready', trainCount: mnist.train.count, testCount: mnist.test.count, samples: session.samples });
}

function deviceLost(why: string): void {
  lostReason = why;
  losses++;
  abandonLoop();
  run?.stopClock();
  post({ type: 'device-lost', reason: why });
  showPhase();
  enqueue(recover);
}

/** Moves everything to a new device: the dataset from its CPU copy, the run from its last good checkpoint. */
async function recover(): Promise<void> {
  const recovering = losses;
  const lost = backend;
  try {
    engine = await connectBackend();
    lost?.destroy();
    if (mnist) session = createSession(engine, mnist);
    if (run && session) await restoreRun(run, session, 'device-lost', run.learningRate);
  } catch (error) {
    if (recovering !== losses) return;
    lostReason = null;
    report(`Training could not move to a new device: ${errorText(error)}`);
    setPhase('failed');
    return;
  }
  if (recovering !== losses) return;
  lostReason = null;
  showPhase();
  if (phase === 'running' && run) startLoop(run);
}

async function restoreRun(current: Run, target: Session, cause: RestoreCause, lr: number): Promise<void> {
  current.restore(target, lr);
  const { step, epoch, config } = current.trainer;
  post({ type: 'restored', cause, step, epoch, config });
  current.postProgress(true);
  await current.predictStrip();
}

/** Rounded, so that 0.003 becomes 0.0003 rather than 0.00030000000000000003 on the page. */
const rollbackLearningRate = (current: Run) => Number((current.learningRate / ROLLBACK_LR_DIVISOR).toPrecision(6));

async function rollback(): Promise<void> {
  if (!run?.divergence || !session) return;
  await restoreRun(run, session, 'rollback', rollbackLearningRate(run));
  startLoop(run);
}

async function stopRun(): Promise<void> {
  if (phase === 'running') setPhase('paused');
  await loop;
}

async function configure(config: TrainConfig): Promise<Run> {
  if (!session) throw new Error('The dataset is not loaded yet.');
  await stopRun();
  // Built before the old model goes, so a config the device refuses leaves the old one usable.
  const fresh = await Run.create(session, config);
  run?.trainer.dispose();
  run = fresh;
  post({ type: 'model', config, stepsPerEpoch: fresh.trainer.stepsPerEpoch });
  setPhase('ready');
  await fresh.predictStrip();
  return fresh;
}

/**
 * Whenever training stops: the phase it stops in, a checkpoint (one at every pause), the strip as
 * the model now sees it, and why if it diverged.
 */
async function afterStop(current: Run): Promise<void> {
  setPhase(current.finished ? 'finished' : 'paused');
  await current.checkpoint();
  await current.predictStrip();
  if (!current.divergence) return;
  const { seen, step } = current.divergence;
  post({ type: 'diverged', seen, step, rollback: { step: current.lastGood.step, lr: rollbackLearningRate(current) } });
}

async function trainLoop(current: Run, abandoned: () => boolean): Promise<void> {
  current.startClock();
  try {
    while (phase === 'running' && !abandoned() && !current.finished && !current.divergence) {
      await current.advance();
      current.postProgress();
      current.refreshStrip();
      current.checkpointIfDue();
      await current.trainer.throttle();
    }
    if (abandoned()) return;
    await current.settle();
  } finally {
    if (!abandoned()) {
      current.stopClock();
      current.postProgress(true);
    }
  }
  await afterStop(current);
}

function startLoop(current: Run): void {
  setPhase('running');
  let abandoned = false;
  const training = trainLoop(current, () => abandoned).catch((error) => {
    if (abandoned) return;
    report(error);
    setPhase('paused');
  });
  const abandon = new Promise<void>((resolve) => {
    abandonLoop = () => {
      abandoned = true;
      resolve();
    };
  });
  loop = Promise.race([training, abandon]);
}

async function stepOnce(current: Run): Promise<void> {
  current.startClock();
  try {
    await current.advance(true);
    await current.settle();
  } finally {
    current.stopClock();
    current.postProgress(true);
  }
  await afterStop(current);
}

/** A diverged run only goes on through a rollback (or a fresh model). */
const canContinue = (current: Run | null): current is Run => current !== null && !current.finished && !current.divergence;

async function handle(message: ToWorker): Promise<void> {
  switch (message.type) {
    case 'init':
      return init(message);
    case 'load-data':
      if (!mnist) await loadData();
      return;
    case 'configure':
      await configure(message.config);
      return;
    case 'train':
      startLoop(await configure(message.config));
      return;
    case 'pause':
      return stopRun();
    case 'resume':
      if (phase === 'paused' && canContinue(run)) startLoop(run);
      return;
    case 'step':
      if ((phase === 'ready' || phase === 'paused') && canContinue(run)) await stepOnce(run);
      return;
    case 'rollback':
      return rollback();
  }
}

async function predict(id: number, pixels: Float32Array): Promise<void> {
  let probabilities: Float32Array | null = null;
  try {
    const output = run ? await run.trainer.predict(pixels) : null;
    probabilities = output && allFinite(output) ? output : null;
  } catch (error) {
    report(error);
  }
  post({ type: 'prediction', id, probabilities }, probabilities ? [probabilities.buffer] : []);
}

function status(): WorkerStatus {
  const counters = backend?.counters();
  return {
    backend: backend?.kind ?? null,
    adapter: backend?.adapter ?? null,
    running: shownPhase === 'running',
    step: run?.trainer.step ?? 0,
    epoch: run?.trainer.epoch ?? 0,
    lastLoss: run?.lastLoss ?? null,
    checkpointStep: run?.lastGood.step ?? null,
    buffers: counters?.buffersHeld ?? 0,
    bytes: counters?.bytesHeld ?? 0,
  };
}

/** Commands that change the run are handled one after another; queries are answered at once. */
let commands: Promise<void> = Promise.resolve();

function enqueue(command: () => Promise<void>): void {
  commands = commands.then(command).catch((error) => {
    report(error);
    if (!session && !lostReason) setPhase('failed');
  });
}

self.onmessage = ({ data: message }: MessageEvent<ToWorker>) => {
  switch (message.type) {
    case 'set-lr':
      run?.trainer.setLearningRate(message.lr);
      return;
    case 'predict':
      void predict(message.id, message.pixels);
      return;
    case 'status':
      post({ type: 'status', id: message.id, status: status() });
      return;
    case 'ping':
      post({ type: 'pong' });
      return;
    case 'lose-device':
      // What a driver reset does: the device goes, without our backend knowing beforehand.
      if (backend instanceof WebGpuBackend) backend.device.destroy();
      return;
    case 'crash':
      self.close();
      return;
    default:
      enqueue(() => handle(message));
  }
};
