// Statistics of a model's insides as the worker posts them, for the page's and the worker's tests.
import type { FirstLayerWeights, LayerHealth, NormStats, ProbeStats } from '../gpu';

/** 48 bins of 0.25 over [-6, 6]. */
const EDGES = Array.from({ length: 49 }, (_, i) => -6 + i / 4);

/** Norms of `layers` linear layers, the gradient growing towards the output. */
export const normStats = (step: number, layers = 2, gradNorm = 0.01): NormStats => ({
  step,
  layers: Array.from({ length: layers }, (_, i) => ({ gradNorm: gradNorm * 10 ** i, weightNorm: 10, updateNorm: 0.01, updateRatio: 0.001 })),
});

/** A hidden layer of `units` units of which the first `dead` are dead (null: an activation that cannot die). */
export function layerHealth(units: number, dead: number | null = 0): LayerHealth {
  const counts = new Array<number>(48).fill(0);
  counts[24] = 1000 * units;
  const unitStates = Uint8Array.from({ length: units }, (_, i) => (dead !== null && i < dead ? 1 : 0));
  return {
    units,
    deadFraction: dead === null ? null : dead / units,
    saturatedFraction: 0.25,
    meanAbsDerivative: 0.5,
    histogram: { edges: [...EDGES], counts },
    unitStates,
  };
}

export const probeStats = (step: number, layers: LayerHealth[] = [layerHealth(4)]): ProbeStats => ({ step, layers });

export const firstLayer = (step: number, units = 4): FirstLayerWeights => ({ step, units, inputs: 784, weights: new Float32Array(units * 784), bias: new Float32Array(units) });

/** 100 counts, row = true class: `correct` on each diagonal cell, one more image of each class taken for the next class. */
export function confusionCounts(correct = 90): number[] {
  const counts = new Array<number>(100).fill(0);
  for (let c = 0; c < 10; c++) {
    counts[c * 10 + c] = correct;
    counts[c * 10 + ((c + 1) % 10)] = 1;
  }
  return counts;
}
