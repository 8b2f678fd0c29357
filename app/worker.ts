// The training engine, off the main thread: it owns the backend, the dataset and the model, and
// drives its own step loop so that pause, step and resume act between two steps.
import {
  CpuBackend,
  Engine,
  INPUT_SIZE,
  Trainer,
  loadMnistInBrowser,
  requestWebGpuBackend,
  uploadMnist,
  type Backend,
  type DeviceData,
  type MnistSet,
  type TrainConfig,
} from '../gpu';
import type { FromWorker, LossPoint, Phase, TestSample, ToWorker, WorkerStatus } from './protocol';

const PROGRESS_INTERVAL_MS = 100;
/** Samples per second are averaged over at least this long, so the figure does not flicker. */
const RATE_WINDOW_MS = 1000;
const STRIP_SIZE = 16;
/** How often the test strip follows the model while it trains. */
const STRIP_REFRESH_MS = 2000;

function post(message: FromWorker, transfer: Transferable[] = []): void {
  self.postMessage(message, { transfer });
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

interface Session {
  engine: Engine;
  data: DeviceData;
  samples: TestSample[];
}

/** One model being trained, with the bookkeeping for what the page is shown about it. */
class Run {
  readonly trainer: Trainer;
  lastLoss: number | null = null;
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

  constructor(
    private readonly session: Session,
    config: TrainConfig,
  ) {
    this.trainer = new Trainer(session.engine, session.data, config);
  }

  get finished(): boolean {
    return this.trainer.epoch >= this.trainer.config.epochs;
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

  /** Submits one step; at the end of an epoch waits for it and evaluates on the test set. */
  /** `readLoss` asks for this step's loss even between the usual read-backs (the Step button). */
  async advance(readLoss = false): Promise<void> {
    const step = this.trainer.step + 1;
    const { loss, epochEnded } = this.trainer.trainStep({ readLoss });
    this.rateWindowSamples += this.trainer.config.batchSize;
    if (loss) {
      this.pendingLosses.push(
        loss.then((value) => {
          this.unsentPoints.push({ step, loss: value });
          this.lastLoss = value;
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
    this.stripInFlight = this.predictStrip().finally(() => {
      this.stripInFlight = null;
    });
  }

  async predictStrip(): Promise<void> {
    this.lastStripRefresh = performance.now();
    const { step } = this.trainer;
    const predictions = [];
    for (const sample of this.session.samples) {
      const probabilities = await this.trainer.predict(Float32Array.from(sample.image, (v) => v / 255));
      const predicted = probabilities.indexOf(Math.max(...probabilities));
      predictions.push({ predicted, confidence: probabilities[predicted] });
    }
    post({ type: 'sample-predictions', step, predictions });
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
let backend: Backend | null = null;
let session: Session | null = null;
let run: Run | null = null;
let loop: Promise<void> = Promise.resolve();

function setPhase(next: Phase): void {
  if (phase === next) return;
  phase = next;
  post({ type: 'phase', phase });
}

function report(error: unknown): void {
  post({ type: 'error', message: errorText(error) });
}

async function chooseBackend(): Promise<{ backend: Backend; reason?: string }> {
  try {
    return { backend: await requestWebGpuBackend(navigator.gpu) };
  } catch (error) {
    return { backend: new CpuBackend('f32'), reason: errorText(error) };
  }
}

/** Test images spread over the whole test set, the same ones for every run. */
function stripSamples(test: MnistSet): TestSample[] {
  const stride = Math.floor(test.count / STRIP_SIZE);
  return Array.from({ length: STRIP_SIZE }, (_, i) => {
    const index = i * stride;
    return { index, label: test.labels[index], image: test.images.slice(index * INPUT_SIZE, (index + 1) * INPUT_SIZE) };
  });
}

async function init(baseUrl: string): Promise<void> {
  const { backend: chosen, reason } = await chooseBackend();
  backend = chosen;
  const { kind, adapter, maxBufferElements } = chosen;
  post({ type: 'backend', backend: kind, adapter, webgpu: kind === 'webgpu', reason, maxBufferElements });
  void chosen.lost.then((why) => {
    post({ type: 'error', message: `The GPU stopped working (${why}). Reload the page to start again.` });
    setPhase('failed');
  });
  const engine = new Engine(chosen);
  let postedPercent = -1;
  const mnist = await loadMnistInBrowser({
    baseUrl,
    onProgress: ({ loadedBytes, totalBytes }) => {
      const percent = Math.floor((100 * loadedBytes) / totalBytes);
      if (percent === postedPercent) return;
      postedPercent = percent;
      post({ type: 'data-progress', loadedBytes, totalBytes });
    },
  });
  const samples = stripSamples(mnist.test);
  session = { engine, data: uploadMnist(engine, mnist), samples };
  post({ type: 'data-ready', trainCount: mnist.train.count, testCount: mnist.test.count, samples });
}

async function stopRun(): Promise<void> {
  if (phase === 'running') setPhase('paused');
  await loop;
}

async function configure(config: TrainConfig): Promise<Run> {
  if (!session) throw new Error('The dataset is not loaded yet.');
  await stopRun();
  // Built before the old model goes, so a config the device refuses leaves the old one usable.
  const fresh = new Run(session, config);
  run?.trainer.dispose();
  run = fresh;
  post({ type: 'model', config, stepsPerEpoch: fresh.trainer.stepsPerEpoch });
  setPhase('ready');
  await fresh.predictStrip();
  return fresh;
}

async function trainLoop(current: Run): Promise<void> {
  current.startClock();
  try {
    while (phase === 'running' && !current.finished) {
      await current.advance();
      current.postProgress();
      current.refreshStrip();
      await current.trainer.throttle();
    }
    await current.settle();
  } finally {
    current.stopClock();
    current.postProgress(true);
  }
  if (current.finished) setPhase('finished');
}

function startLoop(current: Run): void {
  setPhase('running');
  loop = trainLoop(current).catch((error) => {
    report(error);
    setPhase('paused');
  });
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
  setPhase(current.finished ? 'finished' : 'paused');
}

async function handle(message: ToWorker): Promise<void> {
  switch (message.type) {
    case 'init':
      return init(message.baseUrl);
    case 'configure':
      await configure(message.config);
      return;
    case 'train':
      startLoop(await configure(message.config));
      return;
    case 'pause':
      return stopRun();
    case 'resume':
      if (run && phase === 'paused' && !run.finished) startLoop(run);
      return;
    case 'step':
      if (run && (phase === 'ready' || phase === 'paused') && !run.finished) await stepOnce(run);
      return;
  }
}

async function predict(id: number, pixels: Float32Array): Promise<void> {
  let probabilities: Float32Array | null = null;
  try {
    probabilities = run ? await run.trainer.predict(pixels) : null;
  } catch (error) {
    report(error);
  }
  post({ type: 'prediction', id, probabilities }, probabilities ? [probabilities.buffer] : []);
}

function status(): WorkerStatus {
  return {
    backend: backend?.kind ?? null,
    adapter: backend?.adapter ?? null,
    running: phase === 'running',
    step: run?.trainer.step ?? 0,
    epoch: run?.trainer.epoch ?? 0,
    lastLoss: run?.lastLoss ?? null,
  };
}

/** Commands that change the run are handled one after another; queries are answered at once. */
let commands: Promise<void> = Promise.resolve();

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
    default:
      commands = commands
        .then(() => handle(message))
        .catch((error) => {
          report(error);
          if (!session) setPhase('failed');
        });
  }
};
