import wgsl from '../../shaders/classes.wgsl';
import type { HostArray, Kernel } from '../backend';
import type { Tensor } from '../tensor';
import { defineKernel, rowGroups } from './kernel';

const params = { rows: 'u32', classes: 'u32' } as const;

const oneHotKernel = defineKernel({
  name: 'one_hot',
  wgsl,
  entry: 'one_hot',
  params,
  workgroups: (p) => rowGroups(p.rows),
  cpu: (p, [labels, out]) => {
    for (let r = 0; r < p.rows; r++) {
      for (let c = 0; c < p.classes; c++) out[r * p.classes + c] = c === labels[r] ? 1 : 0;
    }
  },
});

/** The class of the largest of `classes` scores from `base` on: the first, on a tie, as the WGSL picks it. */
export function argmaxAt(scores: ArrayLike<number>, base = 0, classes = scores.length - base): number {
  let best = 0;
  for (let c = 1; c < classes; c++) if (scores[base + c] > scores[base + best]) best = c;
  return best;
}

/** Rows whose argmax is their label. */
function countHits(rows: number, classes: number, scores: HostArray, labels: HostArray): number {
  let hits = 0;
  for (let r = 0; r < rows; r++) if (argmaxAt(scores, r * classes, classes) === labels[r]) hits++;
  return hits;
}

const accumulateMetricsKernel = defineKernel({
  name: 'accumulate_metrics',
  wgsl,
  entry: 'accumulate_metrics',
  params,
  workgroups: () => [1],
  cpu: (p, [labels, out, scores, loss]) => {
    out[0] += loss[0] * p.rows;
    out[1] += countHits(p.rows, p.classes, scores, labels);
  },
});

function stepMetricsKernelOf(entry: 'step_metrics' | 'step_metrics_alone', standIn?: Kernel<typeof params>) {
  return defineKernel({
    name: entry,
    wgsl,
    entry,
    params,
    workgroups: () => [1],
    cpu: (p, [labels, out, scores, loss]) => {
      out[0] = loss[0];
      out[1] = countHits(p.rows, p.classes, scores, labels);
    },
    standIns: standIn && [standIn],
  });
}

/** A workgroup counts the hits; while its pipeline compiles (slowly, for its barriers), one invocation does. */
const stepMetricsKernel = stepMetricsKernelOf('step_metrics', stepMetricsKernelOf('step_metrics_alone'));

/** [rows] integer labels → [rows, classes] of 0 and 1. */
export function oneHot(labels: Tensor, classes: number): Tensor {
  const out = labels.engine.empty([labels.size, classes]);
  labels.engine.run(oneHotKernel, { rows: labels.size, classes }, [labels, out]);
  return out;
}

/** totals[0] += loss · rows and totals[1] += correct argmax predictions, all on the device. */
export function accumulateMetrics(totals: Tensor, scores: Tensor, labels: Tensor, loss: Tensor): void {
  const [rows, classes] = scores.shape;
  scores.engine.run(accumulateMetricsKernel, { rows, classes }, [labels, totals, scores, loss]);
}

/**
 * [loss, correct argmax predictions] of one batch in one tensor, so that a training step's figures
 * come back in a single read; the loss is copied, not recomputed, so it reads exactly as the loss.
 */
export function stepMetrics(scores: Tensor, labels: Tensor, loss: Tensor): Tensor {
  const [rows, classes] = scores.shape;
  const out = scores.engine.empty([2]);
  scores.engine.run(stepMetricsKernel, { rows, classes }, [labels, out, scores, loss]);
  return out;
}
