import wgsl from '../../shaders/reduce.wgsl';
import type { Tensor } from '../tensor';
import { defineKernel, rowGroups, strideGroups } from './kernel';

const params = { n: 'u32', cols: 'u32', scale: 'f32' } as const;

export const sumAllKernel = defineKernel({
  name: 'sum_all',
  wgsl,
  entry: 'sum_all',
  params,
  workgroups: () => [1],
  cpu: (p, [x, out]) => {
    let s = 0;
    for (let i = 0; i < p.n; i++) s += x[i];
    out[0] = s * p.scale;
  },
});

export const sumColumnsKernel = defineKernel({
  name: 'sum_columns',
  wgsl,
  entry: 'sum_columns',
  wasm: 'sum_columns',
  params,
  workgroups: (p) => rowGroups(p.cols),
  cpu: (p, [x, out]) => {
    for (let c = 0; c < p.cols; c++) {
      let s = 0;
      for (let i = c; i < p.n; i += p.cols) s += x[i];
      out[c] = s;
    }
  },
});

export const addKernel = defineKernel({
  name: 'add',
  wgsl,
  entry: 'add',
  wasm: 'add',
  params,
  workgroups: (p, tuning) => strideGroups(p.n, tuning),
  cpu: (p, [x, out, y]) => {
    for (let i = 0; i < p.n; i++) out[i] = x[i] + y[i];
  },
});

export const scaleByKernel = defineKernel({
  name: 'scale_by',
  wgsl,
  entry: 'scale_by',
  wasm: 'scale_by',
  params,
  workgroups: (p, tuning) => strideGroups(p.n, tuning),
  cpu: (p, [x, out, y]) => {
    const s = y[0];
    for (let i = 0; i < p.n; i++) out[i] = x[i] * s;
  },
});

/** scale · Σ x, as a scalar tensor (no gradient: losses wire their own backward). */
export function sumAll(x: Tensor, scale = 1): Tensor {
  const out = x.engine.empty([]);
  x.engine.run(sumAllKernel, { n: x.size, cols: 0, scale }, [x, out]);
  return out;
}

/** x · s[0], where s is a scalar tensor. */
export function scaleBy(x: Tensor, s: Tensor): Tensor {
  const out = x.engine.empty(x.shape);
  x.engine.run(scaleByKernel, { n: x.size, cols: 0, scale: 1 }, [x, out, s]);
  return out;
}

/** Σ over rows of a [rows, cols] tensor, into `out` if given. */
export function sumColumns(x: Tensor, out?: Tensor): Tensor {
  const cols = x.shape[x.shape.length - 1];
  out ??= x.engine.empty([cols]);
  x.engine.run(sumColumnsKernel, { n: x.size, cols, scale: 1 }, [x, out]);
  return out;
}
