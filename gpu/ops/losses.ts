import type { Tuning } from '../backend';
import lossesWgsl from '../../shaders/losses.wgsl';
import xentWgsl from '../../shaders/softmax_xent.wgsl';
import type { Tensor } from '../tensor';
import { defineKernel, rowGroups, strideGroups } from './kernel';
import { scaleBy, sumAll } from './reduce';
import { rowMaxAndLogSum } from './softmax';

const softmaxXentForward = defineKernel({
  name: 'softmax_xent_forward',
  wgsl: xentWgsl,
  entry: 'forward',
  params: { rows: 'u32', cols: 'u32' },
  workgroups: (p) => rowGroups(p.rows),
  cpu: (p, [logits, target, rowLoss, grad]) => {
    for (let r = 0; r < p.rows; r++) {
      const base = r * p.cols;
      const [m, l] = rowMaxAndLogSum(logits, base, p.cols);
      const t = target[r];
      rowLoss[r] = m + l - logits[base + t];
      for (let c = 0; c < p.cols; c++) {
        grad[base + c] = (Math.exp(logits[base + c] - m - l) - (c === t ? 1 : 0)) / p.rows;
      }
    }
  },
});

/**
 * Mean over rows of −log softmax(logits)[target], fused: one pass writes the row losses and the
 * gradient (softmax − onehot)/N; backward only scales that by the upstream gradient.
 */
export function softmaxCrossEntropy(logits: Tensor, target: Tensor): Tensor {
  if (logits.shape.length !== 2) throw new Error(`softmax_cross_entropy: logits must be [N, C], got [${logits.shape}]`);
  const [rows, cols] = logits.shape;
  if (target.dtype !== 'u32' || target.size !== rows) {
    throw new Error(`softmax_cross_entropy: target must hold ${rows} integer classes`);
  }
  const { engine } = logits;
  const rowLoss = engine.empty([rows]);
  const grad = engine.empty(logits.shape);
  engine.run(softmaxXentForward, { rows, cols }, [logits, target, rowLoss, grad]);
  const loss = sumAll(rowLoss, 1 / rows);
  // Seeded with 1 (a backward() from this loss), scaling is the identity: a dispatch saved.
  return loss.recordOp([logits, target], (g) => [g === engine.one ? grad : scaleBy(grad, g), null]);
}

const elementwiseParams = { n: 'u32' } as const;

function elementwiseLoss(
  name: string,
  forward: (x: number, t: number) => number,
  backward: (x: number, t: number, scale: number) => [number, number],
  gradScale: number,
) {
  const groups = (p: { n: number }, tuning: Tuning) => strideGroups(p.n, tuning);
  return {
    forward: defineKernel({
      name: `${name}_forward`,
      wgsl: lossesWgsl,
      entry: `${name}_forward`,
      params: elementwiseParams,
      workgroups: groups,
      cpu: (p, [x, t, out]) => {
        for (let i = 0; i < p.n; i++) out[i] = forward(x[i], t[i]);
      },
    }),
    backward: defineKernel({
      name: `${name}_backward`,
      wgsl: lossesWgsl,
      entry: `${name}_backward`,
      params: elementwiseParams,
      workgroups: groups,
      cpu: (p, [x, t, dx, g, dt]) => {
        const scale = (gradScale * g[0]) / p.n;
        for (let i = 0; i < p.n; i++) [dx[i], dt[i]] = backward(x[i], t[i], scale);
      },
    }),
  };
}

const mseKernels = elementwiseLoss(
  'mse',
  (x, t) => (x - t) ** 2,
  (x, t, s) => [(x - t) * s, -(x - t) * s],
  2,
);

const bceKernels = elementwiseLoss(
  'bce',
  (x, t) => Math.max(x, 0) - x * t + Math.log1p(Math.exp(-Math.abs(x))),
  (x, t, s) => {
    const e = Math.exp(-Math.abs(x));
    const sig = x >= 0 ? 1 / (1 + e) : e / (1 + e);
    return [(sig - t) * s, -x * s];
  },
  1,
);

function meanLoss(kernels: typeof mseKernels, what: string, input: Tensor, target: Tensor): Tensor {
  if (input.size !== target.size || input.shape.join() !== target.shape.join()) {
    throw new Error(`${what}: input [${input.shape}] and target [${target.shape}] must have the same shape`);
  }
  const { engine } = input;
  const n = input.size;
  const terms = engine.empty(input.shape);
  engine.run(kernels.forward, { n }, [input, target, terms]);
  const loss = sumAll(terms, 1 / n);
  return loss.recordOp([input, target], (g) => {
    const dInput = engine.empty(input.shape);
    const dTarget = engine.empty(target.shape);
    engine.run(kernels.backward, { n }, [input, target, dInput, g, dTarget]);
    return [dInput, dTarget];
  });
}

/** Mean of (input − target)² over all elements; both get a gradient, as in PyTorch. */
export function mse(input: Tensor, target: Tensor): Tensor {
  return meanLoss(mseKernels, 'mse', input, target);
}

/** Mean binary cross-entropy of sigmoid(input) against target in [0, 1], stable for any logit. */
export function bceWithLogits(input: Tensor, target: Tensor): Tensor {
  return meanLoss(bceKernels, 'bce_with_logits', input, target);
}
