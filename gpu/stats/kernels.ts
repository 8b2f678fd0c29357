// The statistics kernels, each with its CPU twin: packing copies, per-layer norms, per-unit health
// with the pre-activation histogram, and the confusion counts. The ops that use them are in
// inspector.ts and the trainer; the host-side sums are in summaries.ts.
import confusionWgsl from '../../shaders/stats_confusion.wgsl';
import copyWgsl from '../../shaders/stats_copy.wgsl';
import normsWgsl from '../../shaders/stats_norms.wgsl';
import probeWgsl from '../../shaders/stats_probe.wgsl';
import type { Kernel } from '../backend';
import { ACTIVATIONS, ACTIVATION_NAMES, activationWgsl, type ActivationName } from '../ops/activation';
import { argmaxAt } from '../ops/classes';
import { defineKernel, rowGroups, strideGroups } from '../ops/kernel';
import type { Tensor } from '../tensor';
import { CURVE_RANGE } from './types';

/** Workgroups of the norms kernel per layer, and so partial sums per quantity (NORM_GROUPS in stats_norms.wgsl). */
export const NORM_GROUPS = 32;
/** Lanes of a workgroup in stats_norms.wgsl and stats_probe.wgsl. */
export const STATS_WORKGROUP = 64;
/** Histogram bins of 1/4 over [−CURVE_RANGE, CURVE_RANGE). */
export const BIN_WIDTH = 0.25;
export const HISTOGRAM_BINS = (2 * CURVE_RANGE) / BIN_WIDTH;

const copyKernel = defineKernel({
  name: 'copy_into',
  wgsl: copyWgsl,
  entry: 'copy_into',
  params: { n: 'u32', src_offset: 'u32', dst_offset: 'u32' },
  workgroups: (p, tuning) => strideGroups(p.n, tuning),
  cpu: (p, [x, out]) => {
    for (let i = 0; i < p.n; i++) out[p.dst_offset + i] = x[p.src_offset + i];
  },
});

/** out[dstOffset …] = the first n values of x (from srcOffset): an exact copy on the device. */
export function copyInto(out: Tensor, dstOffset: number, x: Tensor, n = x.size, srcOffset = 0): void {
  if (srcOffset + n > x.size || dstOffset + n > out.size) throw new Error(`copy of ${n} values does not fit [${x.shape}] → [${out.shape}]`);
  out.engine.run(copyKernel, { n, src_offset: srcOffset, dst_offset: dstOffset }, [x, out]);
}

const normsKernel = defineKernel({
  name: 'layer_norms',
  wgsl: normsWgsl,
  entry: 'layer_norms',
  params: { n: 'u32', prev_offset: 'u32', out_offset: 'u32' },
  constants: { GROUPS: NORM_GROUPS },
  workgroups: () => [NORM_GROUPS],
  cpu: (p, [grad, weight, prev, out]) => {
    out.fill(0, p.out_offset, p.out_offset + 3 * NORM_GROUPS);
    for (let i = 0; i < p.n; i++) {
      // The same share of the weights for each partial as the workgroups' grid stride takes.
      const base = p.out_offset + 3 * (Math.floor(i / STATS_WORKGROUP) % NORM_GROUPS);
      const d = weight[i] - prev[p.prev_offset + i];
      out[base] += grad[i] * grad[i];
      out[base + 1] += weight[i] * weight[i];
      out[base + 2] += d * d;
    }
  },
});

/**
 * Writes the NORM_GROUPS partial sums of ‖grad‖², ‖weight‖² and ‖weight − prev[prevOffset …]‖² to
 * out[outOffset …], three by three.
 */
export function layerNorms(out: Tensor, outOffset: number, grad: Tensor, weight: Tensor, prev: Tensor, prevOffset: number): void {
  out.engine.run(normsKernel, { n: weight.size, prev_offset: prevOffset, out_offset: outOffset }, [grad, weight, prev, out]);
}

/** The CPU twin of bin_of in stats_probe.wgsl: floor(4v) is exact, so both backends bin alike. */
export function binOf(v: number): number {
  if (v >= -CURVE_RANGE && v < CURVE_RANGE) return Math.floor(v / BIN_WIDTH) + HISTOGRAM_BINS / 2;
  return v < -CURVE_RANGE ? 0 : HISTOGRAM_BINS - 1;
}

const probeParams = {
  rows: 'u32',
  units: 'u32',
  hist_offset: 'u32',
  unit_offset: 'u32',
  alpha: 'f32',
  beta: 'f32',
  threshold: 'f32',
  saturation: 'f32',
} as const;
type ProbeKernel = Kernel<typeof probeParams>;

function unitHealthKernel(name: ActivationName): ProbeKernel {
  const df = ACTIVATIONS[name].df as (x: number, a: { alpha: number; beta: number; threshold: number }) => number;
  return defineKernel({
    name: `${name}_unit_health`,
    wgsl: activationWgsl(name) + probeWgsl,
    entry: 'unit_health',
    params: probeParams,
    workgroups: (p) => [Math.ceil(p.units / STATS_WORKGROUP)],
    cpu: (p, [z, out]) => {
      const groups = Math.ceil(p.units / STATS_WORKGROUP);
      out.fill(0, p.hist_offset, p.hist_offset + groups * HISTOGRAM_BINS);
      for (let unit = 0; unit < p.units; unit++) {
        const histogram = p.hist_offset + HISTOGRAM_BINS * Math.floor(unit / STATS_WORKGROUP);
        let positives = 0;
        let saturated = 0;
        let absSum = 0;
        for (let row = 0; row < p.rows; row++) {
          const v = z[row * p.units + unit];
          const d = df(v, p);
          if (v > 0) positives++;
          if (d < p.saturation) saturated++;
          absSum += Math.abs(d);
          out[histogram + binOf(v)]++;
        }
        out.set([positives, saturated, absSum], p.unit_offset + 3 * unit);
      }
    },
  });
}

const UNIT_HEALTH = Object.fromEntries(ACTIVATION_NAMES.map((n) => [n, unitHealthKernel(n)])) as Record<ActivationName, ProbeKernel>;

export interface UnitHealthArgs {
  activation: ActivationName;
  attrs: { alpha: number; beta: number; threshold: number };
  /** f'(z) below this counts as saturated. */
  saturation: number;
  histOffset: number;
  unitOffset: number;
}

/**
 * One hidden layer's pre-activations z [rows, units] into out: per unit (from unitOffset) its count
 * of z > 0, its count of rows with f'(z) < saturation and Σ|f'(z)|; per workgroup of STATS_WORKGROUP
 * units (from histOffset) a histogram of HISTOGRAM_BINS bins.
 */
export function unitHealth(out: Tensor, z: Tensor, a: UnitHealthArgs): void {
  const [rows, units] = z.shape;
  const p = { rows, units, hist_offset: a.histOffset, unit_offset: a.unitOffset, ...a.attrs, saturation: a.saturation };
  out.engine.run(UNIT_HEALTH[a.activation], p, [z, out]);
}

const confusionKernel = defineKernel({
  name: 'confusion',
  wgsl: confusionWgsl,
  entry: 'confusion',
  params: { rows: 'u32', classes: 'u32', first: 'u32' },
  workgroups: (p) => rowGroups(p.rows),
  cpu: (p, [labels, out, scores]) => {
    for (let r = 0; r < p.rows; r++) {
      const best = argmaxAt(scores, r * p.classes, p.classes);
      out[p.classes * p.classes + p.first + r] = best;
      out[labels[r] * p.classes + best]++;
    }
  },
});

/**
 * Adds a batch's predictions to the confusion counts at the start of `out` (u32, classes² counts,
 * row = true class) and records each row's prediction after them, at classes² + first + row.
 */
export function countConfusion(out: Tensor, scores: Tensor, labels: Tensor, first: number): void {
  const [rows, classes] = scores.shape;
  out.engine.run(confusionKernel, { rows, classes, first }, [labels, out, scores]);
}
