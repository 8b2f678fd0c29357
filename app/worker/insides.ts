// What the page is shown of a run's model besides its losses: what it makes of the strip's test
// images; while the page watches it, its layers' gradient, weight and update norms (computed with
// a step, read when they land) and its hidden layers' health on the probe set with its first
// layer's weights; and what its last test evaluation predicted of each test image, for the
// confusion matrix's cells. The training loop awaits none of it.
import { said, SaidError } from '../i18n/said';
import { CLASSES, ReadCancelledError, type Evaluation, type NormStats, type Trainer } from '../../gpu';
import type { FromWorker, RunId, TestSample } from '../protocol';
import { NORMS_INTERVAL_MS, STRIP_REFRESH_MS, cellIndices, probeDue, reportDue, topClasses } from './policy';

/** What the insides need of their run. */
export interface InsidesHost {
  say(message: FromWorker): void;
  report(error: unknown): void;
  /** Whether `trainer` is still the run's: what an old one reports is let go. */
  current(trainer: Trainer): boolean;
  /** Keeps `work` among the run's read-backs, so that its model is not freed under it. */
  track<T>(work: Promise<T>): Promise<T>;
}

export class Insides {
  /** The page shows this run's insides now. */
  watched = false;
  /** The model whose strip predictions are under way: one at a time. */
  private stripping: Trainer | null = null;
  private lastStripMs = 0;
  /** The trainer whose next step (or last one, not landed yet) computes the norms: one request at a time. */
  private normsAsked: Trainer | null = null;
  private lastNormsMs = -Infinity;
  private probing: Trainer | null = null;
  private lastProbeMs = -Infinity;
  private lastProbeDurationMs = 0;
  /** The class the last evaluation predicted for each test image, and the step of the model it was. */
  private evaluation: { step: number; predicted: Uint32Array } | null = null;

  constructor(
    private readonly runId: RunId,
    private readonly host: InsidesHost,
  ) {}

  /** Between the loop's steps: the strip refreshed; the norms asked of the next step, and a probe; each when due and none is under way. */
  afterStep(trainer: Trainer, samples: readonly TestSample[], nowMs: number): void {
    if (this.stripping !== trainer && reportDue(nowMs, this.lastStripMs, STRIP_REFRESH_MS)) void this.strip(trainer, samples).catch(this.host.report);
    if (!this.watched) return;
    if (this.normsAsked !== trainer && reportDue(nowMs, this.lastNormsMs, NORMS_INTERVAL_MS)) this.askNorms(trainer, nowMs);
    if (this.probing !== trainer && probeDue({ nowMs, lastStartMs: this.lastProbeMs, lastDurationMs: this.lastProbeDurationMs })) {
      void this.probe(trainer).catch(this.host.report);
    }
  }

  /** A single step (outside the loop) of a watched run computes its norms, whenever they were last asked. */
  beforeStep(trainer: Trainer): void {
    if (this.watched && this.normsAsked !== trainer) this.askNorms(trainer, performance.now());
  }

  /** The norms a step carries, posted when they land. */
  stepped(trainer: Trainer, norms: Promise<NormStats> | null): void {
    if (!norms) return;
    const landed = norms.then(
      (stats) => {
        if (this.normsAsked === trainer) this.normsAsked = null;
        if (this.host.current(trainer)) this.host.say({ type: 'norms', runId: this.runId, stats });
      },
      (error: unknown) => {
        if (this.normsAsked === trainer) this.normsAsked = null;
        // A read cut off by a lost device is the recovery's to handle; one of a trainer let go, nobody's.
        if (this.host.current(trainer) && !(error instanceof ReadCancelledError)) this.host.report(error);
      },
    );
    void this.host.track(landed);
  }

  /** The strip's images through the model as one batch gathered on the device, one read. */
  strip(trainer: Trainer, samples: readonly TestSample[]): Promise<void> {
    this.stripping = trainer;
    this.lastStripMs = performance.now();
    const { step } = trainer;
    // Submitted at once (the step it is of is this one); what throws, throws in the promise.
    const predicting = (async () => {
      try {
        const probabilities = await trainer.predictTest(samples.map((s) => s.index));
        if (this.host.current(trainer)) this.host.say({ type: 'sample-predictions', runId: this.runId, step, predictions: topClasses(probabilities, CLASSES) });
      } finally {
        if (this.stripping === trainer) this.stripping = null;
      }
    })();
    return this.host.track(predicting);
  }

  /** The hidden layers on the probe set and the first layer's weights, posted together; one at a time per model. */
  probe(trainer: Trainer): Promise<void> {
    if (this.probing === trainer) return Promise.resolve();
    this.probing = trainer;
    const started = performance.now();
    this.lastProbeMs = started;
    const probing = (async () => {
      try {
        const [stats, weights] = await Promise.all([trainer.probe(), trainer.firstLayerWeights()]);
        this.lastProbeDurationMs = performance.now() - started;
        if (this.host.current(trainer)) this.host.say({ type: 'health', runId: this.runId, stats, weights });
      } catch (error) {
        // A read cut off by a lost device is the recovery's to handle; one of a model let go, nobody's.
        if (this.host.current(trainer) && !(error instanceof ReadCancelledError)) throw error;
      } finally {
        if (this.probing === trainer) this.probing = null;
      }
    })();
    return this.host.track(probing);
  }

  /** The whole test set through `trainer`'s model; what it predicted of each image is kept for the cells. */
  async evaluate(trainer: Trainer): Promise<Evaluation> {
    const { step } = trainer;
    const evaluation = await this.host.track(trainer.evaluate());
    if (this.host.current(trainer)) this.evaluation = { step, predicted: evaluation.predicted };
    return evaluation;
  }

  /** A stopped model through the test set, when asked: its confusion counts posted. */
  async evaluateNow(trainer: Trainer): Promise<void> {
    const { step } = trainer;
    const { confusion: counts, accuracy } = await this.evaluate(trainer);
    if (this.host.current(trainer)) this.host.say({ type: 'confusion', runId: this.runId, step, counts, accuracy });
  }

  /** The run went back to the model at `step`: an evaluation of a later one no longer stands. */
  restored(step: number): void {
    if (this.evaluation && this.evaluation.step > step) this.evaluation = null;
  }

  /** The test images of class `actual` that the last evaluation took for `predicted` (`labels`: the test set's). */
  cell(labels: ArrayLike<number>, actual: number, predicted: number): number[] {
    if (!this.evaluation) throw new SaidError(said('worker', 'notEvaluated', this.runId));
    return cellIndices(labels, this.evaluation.predicted, actual, predicted);
  }

  private askNorms(trainer: Trainer, nowMs: number): void {
    trainer.requestNorms();
    this.normsAsked = trainer;
    this.lastNormsMs = nowMs;
  }
}
