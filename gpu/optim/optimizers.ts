import wgsl from '../../shaders/optim.wgsl';
import { SLICE_ALIGNMENT, type HostArray } from '../backend';
import { defineKernel, strideGroups } from '../ops/kernel';
import type { Engine, Tensor } from '../tensor';

export const OPTIMIZER_NAMES = ['sgd', 'momentum', 'adam'] as const;
export type OptimizerName = (typeof OPTIMIZER_NAMES)[number];

export interface OptimizerConfig {
  name: OptimizerName;
  lr: number;
  weightDecay?: number;
  /** SGD momentum (default 0.9). */
  momentum?: number;
  /** Adam's betas and eps, PyTorch's defaults unless given. */
  beta1?: number;
  beta2?: number;
  eps?: number;
}

// The order of h in optim.wgsl.
const LR = 0;
const WEIGHT_DECAY = 1;
const MOMENTUM_OR_BETA1 = 2;
const BETA2 = 3;
const EPS = 4;
const BIAS_CORRECTION1 = 5;
const BIAS_CORRECTION2 = 6;

type Update = (h: HostArray, g: number, i: number, param: HostArray, s1: HostArray, s2: HostArray) => void;

const updates: Record<OptimizerName, Update> = {
  sgd: (h, g, i, param) => {
    param[i] -= h[LR] * g;
  },
  momentum: (h, g, i, param, s1) => {
    s1[i] = h[MOMENTUM_OR_BETA1] * s1[i] + g;
    param[i] -= h[LR] * s1[i];
  },
  adam: (h, g, i, param, m, v) => {
    m[i] = h[MOMENTUM_OR_BETA1] * m[i] + (1 - h[MOMENTUM_OR_BETA1]) * g;
    v[i] = h[BETA2] * v[i] + (1 - h[BETA2]) * g * g;
    const denom = Math.sqrt(v[i]) / Math.sqrt(h[BIAS_CORRECTION2]) + h[EPS];
    param[i] -= (h[LR] / h[BIAS_CORRECTION1]) * (m[i] / denom);
  },
};

const kernels = Object.fromEntries(
  OPTIMIZER_NAMES.map((name) => [
    name,
    defineKernel({
      name,
      wgsl,
      entry: name,
      // Adam, the default, runs as SIMD; SGD and momentum run their TypeScript twins.
      wasm: name === 'adam' ? 'adam' : undefined,
      // n: a multiple of 4, as the flat buffers are (the WGSL reads four floats at a time).
      params: { n: 'u32' },
      workgroups: (p, tuning) => strideGroups(p.n / 4, tuning),
      cpu: (p, [h, grad, param, s1, s2]) => {
        for (let i = 0; i < p.n; i++) updates[name](h, grad[i] + h[WEIGHT_DECAY] * param[i], i, param, s1, s2);
      },
    }),
  ]),
);

/** How many state tensors of a parameter's size each optimiser keeps. */
export const STATE_SLOTS: Record<OptimizerName, number> = { sgd: 0, momentum: 1, adam: 2 };

/**
 * Updates parameters in place on the device from their .grad, in PyTorch's formulation. The
 * hyper-parameters live in one small device buffer written once per step, so the learning rate
 * can change between steps without new GPU objects.
 *
 * It moves its parameters, their gradients and its state into one buffer each (every parameter at
 * a multiple of SLICE_ALIGNMENT, the gaps zero), so that a step updates them all in one dispatch:
 * at batch 64 a step's time goes mostly to dispatches, not to arithmetic. The parameters keep
 * working as before, as slices of that buffer, for as long as the optimiser lives.
 */
export class Optimizer {
  private readonly hyper: Tensor;
  private readonly values: Tensor;
  private readonly grads: Tensor;
  /** STATE_SLOTS buffers, each laid out as `values`. */
  private readonly flatState: Tensor[];
  /** Each parameter's slices of flatState, for checkpoints. */
  private readonly state: Tensor[][];
  private steps = 0;
  private prepared = false;
  private config: Required<OptimizerConfig>;

  constructor(
    private readonly engine: Engine,
    private readonly params: Tensor[],
    config: OptimizerConfig,
  ) {
    this.config = { weightDecay: 0, momentum: 0.9, beta1: 0.9, beta2: 0.999, eps: 1e-8, ...config };
    this.hyper = engine.tensor([7]);
    const offsets: number[] = [];
    let total = 0;
    for (const p of params) {
      offsets.push(total);
      total += Math.ceil(p.size / SLICE_ALIGNMENT) * SLICE_ALIGNMENT;
    }
    // Zeros, so that the gaps between parameters stay zero under every update.
    const flat = () => engine.tensor([total], new Float32Array(total));
    this.values = flat();
    this.grads = flat();
    this.flatState = Array.from({ length: STATE_SLOTS[config.name] }, flat);
    params.forEach((p, i) => engine.moveInto(p, this.values, this.grads, offsets[i]));
    this.state = params.map((p, i) => this.flatState.map((s) => engine.slice(s, offsets[i], p.shape)));
  }

  get stepCount(): number {
    return this.steps;
  }

  get learningRate(): number {
    return this.config.lr;
  }

  setLearningRate(lr: number): void {
    this.config.lr = lr;
    this.prepared = false;
  }

  /**
   * Writes the next step's hyper-parameters. step() does it itself when needed, but a caller that
   * calls this before recording forward and backward keeps the whole step in one submission
   * (a write has to go ahead of work already recorded).
   */
  prepare(): void {
    if (this.prepared) return;
    this.prepared = true;
    const c = this.config;
    const t = this.steps + 1;
    this.engine.backend.write(this.hyper.buffer, [
      c.lr,
      c.weightDecay,
      c.name === 'adam' ? c.beta1 : c.momentum,
      c.beta2,
      c.eps,
      1 - c.beta1 ** t,
      1 - c.beta2 ** t,
    ]);
  }

  /** Starts the next step's gradients from zero; without it, backward passes add up. */
  zeroGrad(): void {
    for (const p of this.params) p.zeroGrad();
  }

  step(): void {
    this.prepare();
    this.prepared = false;
    this.steps++;
    for (const param of this.params) {
      // In its store, a slice of `grads`, where backward() leaves it; a gradient set by hand moves there.
      if (!param.storedGrad()) throw new Error('optimizer.step() needs gradients: call backward() first');
    }
    this.engine.run(kernels[this.config.name], { n: this.values.size }, [this.hyper, this.grads, this.values, ...this.flatState]);
  }

  /** Every tensor of optimiser state, for checkpoints. */
  stateTensors(): Tensor[] {
    return this.state.flat();
  }

  /** Restores the step count that Adam's bias corrections depend on. */
  restoreStepCount(steps: number): void {
    this.steps = steps;
  }

  /** Frees the parameters' storage too (they live in its buffer): dispose the model with it. */
  dispose(): void {
    for (const t of [this.hyper, ...this.stateTensors(), ...this.flatState, this.grads, this.values]) this.engine.dispose(t);
  }
}
