import wgsl from '../../shaders/softmax.wgsl';
import type { HostArray } from '../backend';
import type { Tensor } from '../tensor';
import { defineKernel, rowGroups } from './kernel';

const params = { rows: 'u32', cols: 'u32' } as const;
type RowParams = { rows: number; cols: number };

/** The CPU twin of row_max_and_log_sum: the row's max and log Σ exp(x − max). */
export function rowMaxAndLogSum(x: HostArray, base: number, cols: number): [number, number] {
  let m = x[base];
  for (let c = 1; c < cols; c++) m = Math.max(m, x[base + c]);
  let s = 0;
  for (let c = 0; c < cols; c++) s += Math.exp(x[base + c] - m);
  return [m, Math.log(s)];
}

function forEachRow(p: RowParams, body: (base: number) => void) {
  for (let r = 0; r < p.rows; r++) body(r * p.cols);
}

const logSoftmaxForward = defineKernel({
  name: 'log_softmax_forward',
  wgsl,
  entry: 'log_softmax_forward',
  params,
  workgroups: (p) => rowGroups(p.rows),
  cpu: (p, [x, out]) =>
    forEachRow(p, (base) => {
      const [m, l] = rowMaxAndLogSum(x, base, p.cols);
      for (let c = 0; c < p.cols; c++) out[base + c] = x[base + c] - m - l;
    }),
});

const logSoftmaxBackward = defineKernel({
  name: 'log_softmax_backward',
  wgsl,
  entry: 'log_softmax_backward',
  params,
  workgroups: (p) => rowGroups(p.rows),
  cpu: (p, [y, out, g]) =>
    forEachRow(p, (base) => {
      let total = 0;
      for (let c = 0; c < p.cols; c++) total += g[base + c];
      for (let c = 0; c < p.cols; c++) out[base + c] = g[base + c] - Math.exp(y[base + c]) * total;
    }),
});

const softmaxForward = defineKernel({
  name: 'softmax_forward',
  wgsl,
  entry: 'softmax_forward',
  params,
  workgroups: (p) => rowGroups(p.rows),
  cpu: (p, [x, out]) =>
    forEachRow(p, (base) => {
      const [m, l] = rowMaxAndLogSum(x, base, p.cols);
      for (let c = 0; c < p.cols; c++) out[base + c] = Math.exp(x[base + c] - m - l);
    }),
});

const softmaxBackward = defineKernel({
  name: 'softmax_backward',
  wgsl,
  entry: 'softmax_backward',
  params,
  workgroups: (p) => rowGroups(p.rows),
  cpu: (p, [y, out, g]) =>
    forEachRow(p, (base) => {
      let dot = 0;
      for (let c = 0; c < p.cols; c++) dot += g[base + c] * y[base + c];
      for (let c = 0; c < p.cols; c++) out[base + c] = y[base + c] * (g[base + c] - dot);
    }),
});

function rowsAndCols(x: Tensor): RowParams {
  const cols = x.shape[x.shape.length - 1];
  return { rows: x.size / cols, cols };
}

/** Over the last axis. Backward needs only the output: dx = g − exp(y)·Σg. */
export function logSoftmax(x: Tensor): Tensor {
  const p = rowsAndCols(x);
  const { engine } = x;
  const y = engine.empty(x.shape);
  engine.run(logSoftmaxForward, p, [x, y]);
  return y.recordOp([x], (g) => {
    const dx = engine.empty(x.shape);
    engine.run(logSoftmaxBackward, p, [y, dx, g]);
    return [dx];
  });
}

/** Over the last axis. dx = y·(g − Σ g·y). */
export function softmax(x: Tensor): Tensor {
  const p = rowsAndCols(x);
  const { engine } = x;
  const y = engine.empty(x.shape);
  engine.run(softmaxForward, p, [x, y]);
  return y.recordOp([x], (g) => {
    const dx = engine.empty(x.shape);
    engine.run(softmaxBackward, p, [y, dx, g]);
    return [dx];
  });
}
