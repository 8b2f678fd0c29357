import wgsl from '../../shaders/classes.wgsl';
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

const accumulateMetricsKernel = defineKernel({
  name: 'accumulate_metrics',
  wgsl,
  entry: 'accumulate_metrics',
  params,
  workgroups: () => [1],
  cpu: (p, [labels, out, scores, loss]) => {
    let hits = 0;
    for (let r = 0; r < p.rows; r++) {
      const base = r * p.classes;
      let best = 0;
      for (let c = 1; c < p.classes; c++) if (scores[base + c] > scores[base + best]) best = c;
      if (best === labels[r]) hits++;
    }
    out[0] += loss[0] * p.rows;
    out[1] += hits;
  },
});

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
