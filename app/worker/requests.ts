// The page's questions about the models, answered outside the command queue (a parked model is put
// back on the device in the queue first): a drawing's probabilities, an input inspected, an
// activation's curve, the test images of a confusion-matrix cell.
import { said, SaidError } from '../i18n/said';
import {
  CLASSES,
  INPUT_SIZE,
  activationCurve,
  isActivation,
  type ActivationCurve,
  type ActivationName,
  type Engine,
  type Inspection,
  type Mnist,
  type Trainer,
} from '../../gpu';
import type { CellImage, InspectInput, RunId, RunPrediction } from '../protocol';
import type { Runs } from './runs';
import type { Session } from './session';

/** What the questions need of the worker around them. */
export interface RequestContext {
  readonly runs: Runs;
  /** The engine in use; null before the backend is there. */
  engine(): Engine | null;
  /** The dataset on the host; null until it is loaded. */
  mnist(): Mnist | null;
  session(): Session;
  /** Carried out in the command queue, after what is in it. */
  enqueue<T>(work: () => Promise<T>): Promise<T>;
  untilLost<T>(work: Promise<T>): Promise<T>;
  report(error: unknown): void;
}

export class Requests {
  /** Each activation's curve through the kernels of the backend in use, computed once. */
  private curves = new Map<string, Promise<ActivationCurve>>();

  constructor(private readonly ctx: RequestContext) {}

  /** A new backend: its kernels draw the curves from now on. */
  newBackend(): void {
    this.curves = new Map();
  }

  /** Each run's class probabilities for a drawing; null for a run that cannot answer (no room to bring it back, outputs not numbers). */
  predict(runIds: readonly RunId[], pixels: Float32Array): Promise<RunPrediction[]> {
    return Promise.all(runIds.map(async (runId) => ({ runId, probabilities: await this.predictOne(runId, pixels) })));
  }

  /** The run's logits, probabilities, every loss and its gradient, and its first layer, for one input. */
  inspect(runId: RunId, input: InspectInput, target: number | null): Promise<Inspection> {
    return this.onModel(runId, (trainer) => trainer.inspect(input, target));
  }

  /** An activation and its derivative through the kernels of the backend that trains. */
  activationCurve(name: ActivationName, alpha?: number): Promise<ActivationCurve> {
    if (!isActivation(name)) return Promise.reject(new SaidError(said('worker', 'noActivation', String(name))));
    const { curves } = this;
    const key = `${name} ${alpha ?? ''}`;
    let curve = curves.get(key);
    if (curve) return curve;
    // Asked before the backend is there: after it, for init is the first thing in the queue.
    const engine = this.ctx.engine();
    curve = (engine ? Promise.resolve(engine) : this.ctx.enqueue(async () => this.ctx.engine())).then((ready) => {
      if (!ready) throw new SaidError(said('worker', 'noBackend'));
      return activationCurve(ready, name, alpha === undefined ? {} : { alpha });
    });
    curves.set(key, curve);
    curve.catch(() => curves.get(key) === curve && curves.delete(key));
    return curve;
  }

  /**
   * Up to `limit` test images of class `actual` that the run's last evaluation took for
   * `predicted`, with what its model makes of them now; `total`: how many there are.
   */
  async confusionCell(runId: RunId, actual: number, predicted: number, limit: number): Promise<{ total: number; images: CellImage[] }> {
    if (![actual, predicted].every((c) => Number.isInteger(c) && c >= 0 && c < CLASSES)) throw new SaidError(said('worker', 'cellClasses', CLASSES - 1));
    const test = this.ctx.mnist()?.test;
    if (!test) throw new SaidError(said('worker', 'noDataset'));
    const indices = this.ctx.runs.get(runId).insides.cell(test.labels, actual, predicted);
    const shown = indices.slice(0, Math.max(0, Math.floor(limit)));
    if (shown.length === 0) return { total: indices.length, images: [] };
    const probabilities = await this.onModel(runId, (trainer) => trainer.predictTest(shown));
    const images = shown.map((index, i) => ({
      index,
      label: test.labels[index],
      image: test.images.slice(index * INPUT_SIZE, (index + 1) * INPUT_SIZE),
      probabilities: Array.from(probabilities.subarray(i * CLASSES, (i + 1) * CLASSES)),
    }));
    return { total: indices.length, images };
  }

  private async predictOne(runId: RunId, pixels: Float32Array): Promise<Float32Array | null> {
    const { runs } = this.ctx;
    const run = runs.find(runId);
    if (!run || run.state === 'failed') return null;
    try {
      if (!run.live) {
        const madeLive = await this.ctx.enqueue(() => runs.bringLive(this.ctx.session(), [run]).then(() => true, () => false));
        if (!madeLive) return null;
      }
      const output = await run.use((trainer) => trainer.predict(pixels));
      return output.every(Number.isFinite) ? output : null;
    } catch (error) {
      this.ctx.report(error);
      return null;
    }
  }

  /** `work` on the run's model: a parked one is put back on the device first, in the queue as commands are. */
  private async onModel<T>(runId: RunId, work: (trainer: Trainer) => Promise<T>): Promise<T> {
    const { runs } = this.ctx;
    const run = runs.get(runId);
    if (run.state === 'failed') throw new SaidError(said('worker', 'modelGone', runId));
    if (!run.live) await this.ctx.enqueue(() => runs.bringLive(this.ctx.session(), [run]));
    return this.ctx.untilLost(run.use(work));
  }
}
