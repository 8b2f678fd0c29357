// What a trainer shows of its model's insides, computed on the device and read back in one copy
// each: the layers' gradient, weight and update norms of a training step, the hidden layers' health
// on the probe set, the first layer's weights, and one input's path to its losses. Every buffer it
// uses is allocated once, on first use, so that none of this allocates in steady state.
import type { Mlp } from '../nn/mlp';
import { activationAttrs, type ActivationName } from '../ops/activation';
import { argmaxAt } from '../ops/classes';
import { gatherBatch, normalizedPixels, type Normalization } from '../ops/gather';
import type { Engine, Tensor } from '../tensor';
import { CLASSES, INPUT_SIZE, LOSS_NAMES, type LossName } from '../train/config';
import type { DeviceData } from '../train/device-data';
import { LOSSES, PROBABILITIES } from '../train/objective';
import { maxDerivative } from './curve';
import { NORM_GROUPS, copyInto, layerNorms, unitHealth } from './kernels';
import { SATURATION_SLOPE, layerHealth, layerNorms as summarizeNorms, normsLength, probeLayout } from './summaries';
import { PROBE_SIZE, type FirstLayerWeights, type Inspection, type LossView, type NormStats, type ProbeStats } from './types';

/** What inspect() looks at: a drawn 28×28 image with pixels in [0, 1], or a test image. */
export type InspectInput = { pixels: ArrayLike<number> } | { testIndex: number };

/** The activations whose units die: f′ is 0 (ReLU) or a sliver (Leaky ReLU) wherever z ≤ 0. */
const CAN_DIE: ReadonlySet<ActivationName> = new Set(['relu', 'leaky_relu']);

export class Inspector {
  private normsWanted = false;
  /** The weights of every layer, end to end, as they were before the step's update. */
  private before: Tensor | null = null;
  private normsOut: Tensor | null = null;
  private probeInput: Tensor | null = null;
  private probeOut: Tensor | null = null;
  private weightsOut: Tensor | null = null;
  private inspectInput: Tensor | null = null;
  private inspectOrder: Tensor | null = null;
  private inspectOut: Tensor | null = null;
  private lossLogits: Tensor | null = null;
  private lossTarget: Tensor | null = null;
  private lossOut: Tensor | null = null;
  /** Position 0 in an order over the test set: every gather here starts at its first entry. */
  private readonly start: Tensor;
  /** f′ below this counts as saturated; found once, at the first probe. */
  private saturation: number | null = null;

  constructor(
    private readonly engine: Engine,
    private readonly model: Mlp,
    private readonly data: DeviceData,
    private readonly norm: Normalization,
    private readonly loss: LossName,
  ) {
    this.start = engine.tensor([1], [0], { dtype: 'u32' });
  }

  private get hidden(): number[] {
    return this.model.sizes.slice(1, -1);
  }

  /** The next training step measures the norms (see takeNormsRequest). */
  requestNorms(): void {
    this.normsWanted = true;
  }

  /** Whether the step being recorded measures the norms; the request is used up. */
  takeNormsRequest(): boolean {
    const wanted = this.normsWanted;
    this.normsWanted = false;
    return wanted;
  }

  /** Records a copy of every layer's weights; the step calls it right before the optimiser's update. */
  keepWeightsBeforeUpdate(): void {
    const weights = this.model.layers.map((l) => l.weight);
    this.before ??= this.engine.tensor([weights.reduce((n, w) => n + w.size, 0)]);
    let offset = 0;
    for (const w of weights) {
      copyInto(this.before, offset, w);
      offset += w.size;
    }
  }

  /** Right after the update: ‖∂L/∂W‖, ‖W‖ and ‖ΔW‖ of every layer, reduced on the device and read in one copy. */
  measureNorms(step: number): Promise<NormStats> {
    const { layers } = this.model;
    if (!this.before) throw new Error('measureNorms() needs the weights kept before the update');
    this.normsOut ??= this.engine.tensor([normsLength(layers.length)]);
    let offset = 0;
    layers.forEach(({ weight }, i) => {
      if (!weight.grad) throw new Error('measureNorms() needs the step’s gradients');
      layerNorms(this.normsOut!, 3 * NORM_GROUPS * i, weight.grad, weight, this.before!, offset);
      offset += weight.size;
    });
    return this.normsOut.read().then((raw) => ({ step, layers: summarizeNorms(raw, layers.length) }));
  }

  /** Each hidden layer's health on the first PROBE_SIZE test images (fewer if the set is smaller). */
  async probe(step: number): Promise<ProbeStats> {
    const { engine, model } = this;
    if (this.hidden.length === 0) return { step, layers: [] };
    const x = this.probeImages();
    const rows = x.shape[0];
    const { slots, length } = probeLayout(this.hidden);
    const out = (this.probeOut ??= engine.tensor([length]));
    const { activationName: activation, activationAttrs: given } = model;
    const attrs = activationAttrs(activation, given);
    const saturation = (this.saturation ??= SATURATION_SLOPE * maxDerivative(activation, given));
    const read = engine.tidy(() => {
      model.forward(x, (layer, z) => {
        const { histOffset, unitOffset } = slots[layer];
        unitHealth(out, z, { activation, attrs, saturation, histOffset, unitOffset });
      });
      return out.read();
    });
    const raw = await read;
    return { step, layers: slots.map((slot) => layerHealth(raw, slot, rows, CAN_DIE.has(activation))) };
  }

  /** The probe images, gathered from the test set once and kept. */
  private probeImages(): Tensor {
    if (this.probeInput) return this.probeInput;
    const { engine, data } = this;
    const rows = Math.min(PROBE_SIZE, data.test.count);
    const order = engine.tensor([rows], Uint32Array.from({ length: rows }, (_, i) => i), { dtype: 'u32' });
    this.probeInput = engine.tidy(() => gatherBatch(data.test.images, data.test.labels, order, this.start, rows, INPUT_SIZE, this.norm).x);
    engine.dispose(order);
    return this.probeInput;
  }

  /** The first `maxUnits` rows of the first layer's weights and biases, or null without hidden layers. */
  async firstLayerWeights(step: number, maxUnits: number): Promise<FirstLayerWeights | null> {
    if (!Number.isInteger(maxUnits) || maxUnits < 1) throw new Error(`maxUnits must be a whole number ≥ 1, got ${maxUnits}`);
    if (this.hidden.length === 0) return null;
    const { weight, bias } = this.model.layers[0];
    const [rows, inputs] = weight.shape;
    const units = Math.min(maxUnits, rows);
    const size = units * (inputs + 1);
    if (this.weightsOut?.size !== size) {
      if (this.weightsOut) this.engine.dispose(this.weightsOut);
      this.weightsOut = this.engine.tensor([size]);
    }
    copyInto(this.weightsOut, 0, weight, units * inputs);
    copyInto(this.weightsOut, units * inputs, bias, units);
    const raw = await this.weightsOut.read();
    return { step, units, inputs, weights: Float32Array.from(raw.subarray(0, units * inputs)), bias: Float32Array.from(raw.subarray(units * inputs)) };
  }

  /**
   * One input's logits, probabilities (as the run's loss defines them), first hidden layer, and all
   * three losses with their gradients at `target` (null: the test image's label, or for a drawing
   * the predicted class), through the same kernels that train.
   */
  async inspect(input: InspectInput, target: number | null): Promise<Inspection> {
    if (target !== null && !(Number.isInteger(target) && target >= 0 && target < CLASSES)) {
      throw new Error(`the target must be a class from 0 to ${CLASSES - 1}, got ${target}`);
    }
    const units = this.hidden.length > 0 ? this.hidden[0] : 0;
    const { engine, model } = this;
    const out = (this.inspectOut ??= engine.tensor([2 * CLASSES + 2 * units]));
    const reads = engine.tidy(() => {
      const { x, y } = 'pixels' in input ? { x: this.drawnInput(input.pixels), y: null } : this.testInput(input.testIndex);
      const logits = model.forward(x, (layer, z, a) => {
        if (layer !== 0) return;
        copyInto(out, 2 * CLASSES, z);
        copyInto(out, 2 * CLASSES + units, a);
      });
      copyInto(out, 0, logits);
      copyInto(out, CLASSES, PROBABILITIES[this.loss](logits));
      return { figures: out.read(), label: target === null && y ? y.read() : null };
    });
    const [raw, labels] = await Promise.all([reads.figures, reads.label]);
    const logits = raw.subarray(0, CLASSES);
    const chosen = target ?? (labels ? labels[0] : argmaxAt(logits));
    const at = (from: number, n: number) => Array.from(raw.subarray(from, from + n));
    return {
      logits: Array.from(logits),
      probabilities: at(CLASSES, CLASSES),
      target: chosen,
      losses: await this.lossesAt(logits, chosen),
      firstLayer: units > 0 ? { z: at(2 * CLASSES, units), a: at(2 * CLASSES + units, units) } : null,
    };
  }

  private drawnInput(pixels: ArrayLike<number>): Tensor {
    if (pixels.length !== INPUT_SIZE) throw new Error(`inspect needs ${INPUT_SIZE} pixels, got ${pixels.length}`);
    this.inspectInput ??= this.engine.tensor([1, INPUT_SIZE]);
    this.engine.backend.write(this.inspectInput.buffer, normalizedPixels(pixels, this.norm));
    return this.inspectInput;
  }

  private testInput(index: number): { x: Tensor; y: Tensor } {
    const { test } = this.data;
    if (!Number.isInteger(index) || index < 0 || index >= test.count) {
      throw new Error(`test image indices must be whole numbers from 0 to ${test.count - 1}`);
    }
    this.inspectOrder ??= this.engine.tensor([1], undefined, { dtype: 'u32' });
    this.engine.backend.write(this.inspectOrder.buffer, [index]);
    return gatherBatch(test.images, test.labels, this.inspectOrder, this.start, 1, INPUT_SIZE, this.norm);
  }

  /** Each loss's value and gradient with respect to the logits, from the loss functions that train. */
  private async lossesAt(logits: ArrayLike<number>, target: number): Promise<Record<LossName, LossView>> {
    const { engine } = this;
    const leaf = (this.lossLogits ??= engine.tensor([1, CLASSES], undefined, { requiresGrad: true }));
    const labels = (this.lossTarget ??= engine.tensor([1], undefined, { dtype: 'u32' }));
    const stride = 1 + CLASSES;
    const out = (this.lossOut ??= engine.tensor([LOSS_NAMES.length * stride]));
    engine.backend.write(leaf.buffer, logits);
    engine.backend.write(labels.buffer, [target]);
    const raw = await engine.tidy(() => {
      LOSS_NAMES.forEach((name, i) => {
        leaf.zeroGrad();
        const value = LOSSES[name](leaf, labels);
        value.backward();
        copyInto(out, i * stride, value);
        copyInto(out, i * stride + 1, leaf.grad!);
      });
      return out.read();
    });
    const views = LOSS_NAMES.map((name, i) => [name, { value: raw[i * stride], gradient: Array.from(raw.subarray(i * stride + 1, (i + 1) * stride)) }]);
    return Object.fromEntries(views) as Record<LossName, LossView>;
  }

  dispose(): void {
    const owned = [this.start, this.before, this.normsOut, this.probeInput, this.probeOut, this.weightsOut, this.inspectInput, this.inspectOrder];
    for (const t of [...owned, this.inspectOut, this.lossLogits, this.lossTarget, this.lossOut]) if (t) this.engine.dispose(t);
  }
}
