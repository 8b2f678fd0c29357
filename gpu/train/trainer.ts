import { Mlp } from '../nn/mlp';
import { Random } from '../nn/random';
import { accumulateMetrics, stepMetrics } from '../ops/classes';
import { gatherBatch, normalizedPixels, type Normalization } from '../ops/gather';
import { Optimizer } from '../optim/optimizers';
import { Inspector, type InspectInput } from '../stats/inspector';
import { countConfusion } from '../stats/kernels';
import type { Evaluation, FirstLayerWeights, Inspection, NormStats, ProbeStats } from '../stats/types';
import type { Engine, Tensor } from '../tensor';
import { CLASSES, INPUT_SIZE, NORMALIZATIONS, activationAttrsOf, validateConfig, type TrainConfig } from './config';
import { checkCheckpoint } from './checkpoint';
import { capacityOf } from './memory';
import type { DeviceData } from './device-data';
import { LOSSES, PROBABILITIES } from './objective';
import { trainTogether } from './race';
import { Throughput } from './throughput';

/** One training step as submitted: the device may still be running it. */
export interface SubmittedStep {
  /** 1 for the first step of the run. */
  step: number;
  /** The epoch the step belongs to (0 for the first). */
  epoch: number;
  /** Rows trained: the batch size, or fewer for the last batch of an epoch. */
  rows: number;
  /** The step's loss, on the steps where it is read back (see trainStep), else null. */
  loss: Promise<number> | null;
  /**
   * On the same steps, from the same read-back: the share of the batch's rows (0 to 1) whose
   * largest logit, before this step's update, is their label. Null exactly when `loss` is.
   */
  accuracy: Promise<number> | null;
  /**
   * On the step after requestNorms(), every linear layer's gradient, weight and update norms from
   * this step (one read-back); null on other steps.
   */
  norms: Promise<NormStats> | null;
  /** The step finished an epoch: the caller evaluates if it wants to. */
  epochEnded: boolean;
  /**
   * The step went to the device with this call, with any held before it; false when it was held,
   * recorded, to be submitted with a later step (trainStep's `hold`).
   */
  submitted: boolean;
}

export interface StepEvent {
  type: 'step';
  step: number;
  epoch: number;
  loss: number;
  samplesPerSec: number;
}

export interface EpochEvent {
  type: 'epoch';
  epoch: number;
  step: number;
  testAccuracy: number;
  testLoss: number;
}

export type TrainEvent = StepEvent | EpochEvent;

/** Which steps' layer statistics Trainer.run reports, and to whom. */
export interface StatsOptions {
  /** Every this many steps, besides each epoch's last. */
  every?: number;
  report: (stats: { step: number; norms: NormStats; health: ProbeStats }) => void;
}

/** Everything needed to resume training exactly, held on the CPU (survives a lost GPU device). */
export interface Checkpoint {
  config: TrainConfig;
  step: number;
  epoch: number;
  position: number;
  optimizerSteps: number;
  randomState: number;
  /** This epoch's sample order. */
  order: Uint32Array;
  parameters: Float32Array[];
  optimizerState: Float32Array[];
  /** False when some parameter is NaN or infinite: training has diverged. */
  finite: boolean;
  /** The model's Mlp.initialWeightsHash, carried on by every restore. */
  initialWeightsHash: string;
}

const EVAL_BATCH = 1000;

/**
 * Trains an MLP on device-resident MNIST. A step encodes gather → forward → loss → backward →
 * optimiser into one submission and returns without waiting; every `lossEvery` steps the loss is
 * copied out and reported when the copy lands, so reading it never stalls the loop.
 */
export class Trainer {
  readonly model: Mlp;
  readonly optimizer: Optimizer;
  private readonly norm: Normalization;
  private readonly random: Random;
  private readonly order: Tensor;
  private readonly start: Tensor;
  private readonly testOrder: Tensor;
  private readonly totals: Tensor;
  /** classes² confusion counts, then every test image's predicted class: see countConfusion. */
  private readonly confusion: Tensor;
  private readonly inside: Inspector;
  private predictInput: Tensor | null = null;
  private readonly lossFn: (logits: Tensor, labels: Tensor) => Tensor;
  /** Position of the next batch in this epoch's order. */
  private position = 0;
  private stripOrder: Tensor | null = null;
  epoch = 0;
  step = 0;

  /** `throughput` carries a run's clock over when it moves to a new trainer (a restore). */
  constructor(
    readonly engine: Engine,
    readonly data: DeviceData,
    readonly config: TrainConfig,
    readonly throughput = new Throughput(),
  ) {
    const errors = Object.values(validateConfig(config, capacityOf(engine.backend)));
    if (errors.length > 0) throw new Error(errors.join('; '));
    this.random = new Random(config.seed);
    this.model = new Mlp(engine, [INPUT_SIZE, ...config.hidden, CLASSES], config.activation, this.random, activationAttrsOf(config));
    this.optimizer = new Optimizer(engine, this.model.parameters(), {
      name: config.optimizer,
      lr: config.lr,
      momentum: config.momentum,
      weightDecay: config.weightDecay,
    });
    this.norm = NORMALIZATIONS[config.normalize];
    this.lossFn = LOSSES[config.loss];
    this.order = engine.tensor([data.train.count], undefined, { dtype: 'u32' });
    this.start = engine.tensor([1], undefined, { dtype: 'u32' });
    this.testOrder = engine.tensor([data.test.count], Uint32Array.from({ length: data.test.count }, (_, i) => i), {
      dtype: 'u32',
    });
    this.totals = engine.tensor([2]);
    this.confusion = engine.tensor([CLASSES * CLASSES + data.test.count], undefined, { dtype: 'u32' });
    this.inside = new Inspector(engine, this.model, data, this.norm, config.loss);
  }

  get stepsPerEpoch(): number {
    return Math.ceil(this.data.train.count / this.config.batchSize);
  }

  setLearningRate(lr: number): void {
    this.optimizer.setLearningRate(lr);
  }

  get finished(): boolean {
    return this.epoch >= this.config.epochs;
  }

  /**
   * The training loop (trainTogether) for this trainer alone: it ends when the epochs are done,
   * when `keepGoing` says no (asked right before each step), or when the consumer stops asking.
   */
  async *steps(keepGoing: () => boolean = () => true): AsyncGenerator<SubmittedStep, void, undefined> {
    for await (const { step } of trainTogether([this], keepGoing)) yield step;
  }

  /**
   * Encodes and submits one training step. Its loss and the batch's accuracy are read back, in one
   * copy, on the first step (the untrained model's loss is the yardstick of divergence), every
   * lossEvery steps, at the end of an epoch, or when `readLoss` asks. Ends the epoch when the last
   * batch is done. With `hold`, a step that reads nothing back and ends no epoch is only recorded:
   * the next step submitted (or a flush, or any read) takes it to the device (see trainTogether).
   */
  trainStep(options: { readLoss?: boolean; hold?: boolean } = {}): SubmittedStep {
    const { engine, data, config } = this;
    const epoch = this.epoch;
    if (this.position === 0) engine.backend.write(this.order.buffer, this.random.permutation(data.train.count));
    const rows = Math.min(config.batchSize, data.train.count - this.position);
    engine.backend.write(this.start.buffer, [this.position]);
    this.optimizer.prepare();
    this.position += rows;
    this.step++;
    this.throughput.count(rows);
    const epochEnded = this.position >= data.train.count;
    const readLoss = options.readLoss || this.step === 1 || this.step % config.lossEvery === 0 || epochEnded;
    const measureNorms = this.inside.takeNormsRequest();
    const step = this.step;
    this.optimizer.zeroGrad();
    const { metrics, norms } = engine.tidy(() => {
      const { x, y } = gatherBatch(data.train.images, data.train.labels, this.order, this.start, rows, INPUT_SIZE, this.norm);
      const logits = this.model.forward(x);
      const loss = this.lossFn(logits, y);
      const figures = readLoss ? stepMetrics(logits, y, loss) : null;
      loss.backward();
      if (measureNorms) this.inside.keepWeightsBeforeUpdate();
      this.optimizer.step();
      return { metrics: figures?.read() ?? null, norms: measureNorms ? this.inside.measureNorms(step) : null };
    });
    const submitted = !options.hold || readLoss || measureNorms || epochEnded;
    if (submitted) engine.backend.flush();
    if (epochEnded) {
      this.position = 0;
      this.epoch++;
    }
    const loss = metrics?.then(([value]) => value) ?? null;
    const accuracy = metrics?.then(([, hits]) => hits / rows) ?? null;
    // The same read fails both; callers that want only the loss handle the failure there.
    accuracy?.catch(() => {});
    // A failed read is the caller's to handle where it awaits the norms, not an unhandled rejection.
    norms?.catch(() => {});
    return { step, epoch, rows, loss, accuracy, norms, epochEnded, submitted };
  }

  /**
   * The next trainStep also measures, after its update, every linear layer's ‖∂L/∂W‖, ‖W‖ and ‖ΔW‖
   * on the device, and hands them back in its SubmittedStep.norms.
   */
  requestNorms(): void {
    this.inside.requestNorms();
  }

  /** The hidden layers' health on the probe set (the first PROBE_SIZE test images), as of the last step submitted. */
  probe(): Promise<ProbeStats> {
    return this.inside.probe(this.step);
  }

  /** The first layer's first `maxUnits` units' weights and biases; null without hidden layers. */
  firstLayerWeights(maxUnits = 64): Promise<FirstLayerWeights | null> {
    return this.inside.firstLayerWeights(this.step, maxUnits);
  }

  /**
   * One input's way through the model: logits, probabilities, the first hidden layer, and each
   * loss with its gradient at `target` (null: the test image's label, or a drawing's predicted class).
   */
  inspect(input: InspectInput, target: number | null): Promise<Inspection> {
    return this.inside.inspect(input, target);
  }

  /**
   * Mean loss, accuracy, the confusion counts and every test image's predicted class over the whole
   * test set, accumulated on the device, read once each. Not training time.
   */
  async evaluate(): Promise<Evaluation> {
    const { engine, data } = this;
    const clockRan = this.throughput.running;
    this.throughput.stop();
    engine.backend.write(this.totals.buffer, [0, 0]);
    engine.backend.write(this.confusion.buffer, new Uint32Array(CLASSES * CLASSES));
    for (let first = 0; first < data.test.count; first += EVAL_BATCH) {
      const rows = Math.min(EVAL_BATCH, data.test.count - first);
      engine.backend.write(this.start.buffer, [first]);
      engine.tidy(() => {
        const { x, y } = gatherBatch(data.test.images, data.test.labels, this.testOrder, this.start, rows, INPUT_SIZE, this.norm);
        const logits = this.model.forward(x);
        accumulateMetrics(this.totals, logits, y, this.lossFn(logits, y));
        countConfusion(this.confusion, logits, y, first);
      });
    }
    try {
      const [[lossSum, correct], counts] = await Promise.all([this.totals.read(), this.confusion.read()]);
      return {
        accuracy: correct / data.test.count,
        loss: lossSum / data.test.count,
        confusion: Array.from(counts.subarray(0, CLASSES * CLASSES)),
        predicted: Uint32Array.from(counts.subarray(CLASSES * CLASSES)),
      };
    } finally {
      if (clockRan) this.throughput.start();
    }
  }

  private probabilities(logits: Tensor): Tensor {
    return PROBABILITIES[this.config.loss](logits);
  }

  /** Class probabilities (as the run's loss defines them) for one 28×28 image with pixels in [0, 1] (0 = background). */
  async predict(pixels: ArrayLike<number>): Promise<Float32Array> {
    if (pixels.length !== INPUT_SIZE) throw new Error(`predict needs ${INPUT_SIZE} pixels, got ${pixels.length}`);
    this.predictInput ??= this.engine.tensor([1, INPUT_SIZE]);
    const input = normalizedPixels(pixels, this.norm);
    this.engine.backend.write(this.predictInput.buffer, input);
    const probabilities = this.engine.tidy(() => this.probabilities(this.model.forward(this.predictInput!)).read());
    return Float32Array.from(await probabilities);
  }

  /**
   * Class probabilities for these test images, as one batch gathered from the test set already on
   * the device and read back once: `indices.length` rows of CLASSES values.
   */
  async predictTest(indices: readonly number[]): Promise<Float32Array> {
    const { engine, data } = this;
    if (indices.some((i) => !Number.isInteger(i) || i < 0 || i >= data.test.count)) {
      throw new Error(`test image indices must be whole numbers from 0 to ${data.test.count - 1}`);
    }
    if (this.stripOrder?.size !== indices.length) {
      if (this.stripOrder) engine.dispose(this.stripOrder);
      this.stripOrder = engine.tensor([indices.length], undefined, { dtype: 'u32' });
    }
    engine.backend.write(this.stripOrder.buffer, indices);
    engine.backend.write(this.start.buffer, [0]);
    const probabilities = engine.tidy(() => {
      const { x } = gatherBatch(data.test.images, data.test.labels, this.stripOrder!, this.start, indices.length, INPUT_SIZE, this.norm);
      return this.probabilities(this.model.forward(x)).read();
    });
    return Float32Array.from(await probabilities);
  }

  /**
   * Trains until `config.epochs` are done or `shouldStop()` says so, reporting losses as they are
   * read back and test metrics after each epoch. With `stats`, also the layers' norms and health
   * as of each epoch's last step and of every `stats.every` steps, each reported before the
   * epoch's test metrics.
   */
  async run(onEvent: (e: TrainEvent) => void, shouldStop: () => boolean = () => false, stats?: StatsOptions): Promise<void> {
    const pending: Promise<void>[] = [];
    const statsAt = (step: number) => !!stats && (step % this.stepsPerEpoch === 0 || (!!stats.every && step % stats.every === 0));
    if (statsAt(this.step + 1)) this.requestNorms();
    for await (const { step, epoch, loss, norms, epochEnded } of this.steps(() => !shouldStop())) {
      if (loss) {
        const samplesPerSec = this.throughput.recent;
        pending.push(loss.then((value) => onEvent({ type: 'step', step, epoch, loss: value, samplesPerSec })));
      }
      if (norms && stats) pending.push(Promise.all([norms, this.probe()]).then(([n, health]) => stats.report({ step, norms: n, health })));
      if (statsAt(this.step + 1)) this.requestNorms();
      if (epochEnded) {
        await Promise.all(pending.splice(0));
        const { accuracy, loss: testLoss } = await this.evaluate();
        onEvent({ type: 'epoch', epoch: this.epoch, step: this.step, testAccuracy: accuracy, testLoss });
      }
    }
    await Promise.all(pending);
  }

  /**
   * A copy of the model, the optimiser and the data order as of the last step submitted. The
   * copies are recorded at once, so training may go on while they come back.
   */
  async checkpoint(): Promise<Checkpoint> {
    const parameters = this.model.parameters();
    const state = this.optimizer.stateTensors();
    const reads = [...parameters, ...state, this.order].map((t) => t.read());
    const snapshot = {
      config: { ...this.config, lr: this.optimizer.learningRate },
      step: this.step,
      epoch: this.epoch,
      position: this.position,
      optimizerSteps: this.optimizer.stepCount,
      randomState: this.random.state,
      initialWeightsHash: this.model.initialWeightsHash,
    };
    const values = await Promise.all(reads);
    const floats = values.slice(0, -1).map((v) => Float32Array.from(v));
    return {
      ...snapshot,
      order: Uint32Array.from(values[values.length - 1]),
      parameters: floats.slice(0, parameters.length),
      optimizerState: floats.slice(parameters.length),
      finite: floats.slice(0, parameters.length).every((p) => p.every(Number.isFinite)),
    };
  }

  /** A trainer on `engine` (perhaps a new device) that carries on exactly where `checkpoint` was taken. */
  static restore(engine: Engine, data: DeviceData, checkpoint: Checkpoint, throughput?: Throughput): Trainer {
    checkCheckpoint(checkpoint, data.train.count);
    const trainer = new Trainer(engine, data, checkpoint.config, throughput);
    const targets = [...trainer.model.parameters(), ...trainer.optimizer.stateTensors()];
    const values = [...checkpoint.parameters, ...checkpoint.optimizerState];
    if (targets.length !== values.length) throw new Error('checkpoint does not match the model it is restored into');
    targets.forEach((t, i) => engine.backend.write(t.buffer, values[i]));
    engine.backend.write(trainer.order.buffer, checkpoint.order);
    trainer.step = checkpoint.step;
    trainer.epoch = checkpoint.epoch;
    trainer.position = checkpoint.position;
    trainer.random.state = checkpoint.randomState;
    trainer.optimizer.restoreStepCount(checkpoint.optimizerSteps);
    trainer.model.initialWeightsHash = checkpoint.initialWeightsHash;
    return trainer;
  }

  dispose(): void {
    this.model.dispose();
    this.optimizer.dispose();
    this.inside.dispose();
    for (const t of [this.order, this.start, this.testOrder, this.totals, this.confusion, this.predictInput, this.stripOrder]) if (t) this.engine.dispose(t);
  }
}
