// Pure functions from what the statistics kernels write to what the engine reports: where each
// layer's figures sit in the one buffer read back, and the host's last sums (in float64).
import { BIN_WIDTH, HISTOGRAM_BINS, NORM_GROUPS, STATS_WORKGROUP } from './kernels';
import { CURVE_RANGE, type Histogram, type LayerHealth, type LayerNorms, type UnitState } from './types';

/** −6, −5.75, …, 6: the histogram's edges and the activation curve's points alike. */
export function curvePoints(): number[] {
  return Array.from({ length: (2 * CURVE_RANGE) / BIN_WIDTH + 1 }, (_, i) => -CURVE_RANGE + i * BIN_WIDTH);
}

/** A layer's slice of the probe buffer. */
export interface ProbeSlot {
  units: number;
  /** Start of its per-workgroup histograms (HISTOGRAM_BINS each). */
  histOffset: number;
  /** Start of its per-unit triples (positives, saturated rows, Σ|f'|). */
  unitOffset: number;
}

/** The probe buffer's layout for hidden layers of these sizes, and its length. */
export function probeLayout(hidden: readonly number[]): { slots: ProbeSlot[]; length: number } {
  let length = 0;
  const slots = hidden.map((units) => {
    const histOffset = length;
    const unitOffset = histOffset + Math.ceil(units / STATS_WORKGROUP) * HISTOGRAM_BINS;
    length = unitOffset + 3 * units;
    return { units, histOffset, unitOffset };
  });
  return { slots, length };
}

/** A unit is saturated where f'(z) is below this share of f's largest slope … */
export const SATURATION_SLOPE = 0.05;
/** … on at least this share of the probe images. */
export const SATURATED_ROWS = 0.95;

/**
 * One layer's LayerHealth from its slot of the probe buffer read back, over `rows` probe images.
 * `deadApplies`: the activation is of the ReLU family, whose units can die.
 */
export function layerHealth(raw: ArrayLike<number>, slot: ProbeSlot, rows: number, deadApplies: boolean): LayerHealth {
  const counts = new Array<number>(HISTOGRAM_BINS).fill(0);
  const groups = Math.ceil(slot.units / STATS_WORKGROUP);
  for (let g = 0; g < groups; g++) {
    for (let b = 0; b < HISTOGRAM_BINS; b++) counts[b] += raw[slot.histOffset + g * HISTOGRAM_BINS + b];
  }
  const unitStates = new Uint8Array(slot.units);
  let dead = 0;
  let saturated = 0;
  let absSum = 0;
  for (let u = 0; u < slot.units; u++) {
    const base = slot.unitOffset + 3 * u;
    const isDead = deadApplies && raw[base] === 0;
    const isSaturated = raw[base + 1] >= SATURATED_ROWS * rows;
    if (isDead) dead++;
    if (isSaturated) saturated++;
    absSum += raw[base + 2];
    unitStates[u] = (isDead ? 1 : isSaturated ? 2 : 0) satisfies UnitState;
  }
  const histogram: Histogram = { edges: curvePoints(), counts };
  return {
    units: slot.units,
    deadFraction: deadApplies ? dead / slot.units : null,
    saturatedFraction: saturated / slot.units,
    meanAbsDerivative: absSum / (rows * slot.units),
    histogram,
    unitStates,
  };
}

/** Length of the norms buffer for this many linear layers: NORM_GROUPS partial triples each. */
export const normsLength = (layers: number) => 3 * NORM_GROUPS * layers;

/** Every layer's norms from the norms buffer read back. */
export function layerNorms(raw: ArrayLike<number>, layers: number): LayerNorms[] {
  return Array.from({ length: layers }, (_, layer) => {
    const squares = [0, 0, 0];
    for (let g = 0; g < NORM_GROUPS; g++) {
      for (let k = 0; k < 3; k++) squares[k] += raw[3 * (layer * NORM_GROUPS + g) + k];
    }
    const [gradNorm, weightNorm, updateNorm] = squares.map(Math.sqrt);
    return { gradNorm, weightNorm, updateNorm, updateRatio: updateRatio(updateNorm, weightNorm) };
  });
}

/** ‖ΔW‖/‖W‖; no update of zero weights is a ratio of 0, an update of them an infinite one. */
function updateRatio(update: number, weight: number): number {
  if (weight > 0) return update / weight;
  return update === 0 ? 0 : Infinity;
}
