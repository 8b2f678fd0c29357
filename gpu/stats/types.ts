// The shapes of what the engine reports about a network's insides: shared by the trainer, the worker and the page.
import type { LossName } from '../train/config';

export const PROBE_SIZE = 1000;                 // the first 1000 test images
export const CURVE_RANGE = 6;                   // activation plot and histogram over [-6, 6]
export interface Histogram { edges: number[]; counts: number[] }  // edges.length = counts.length + 1; 48 bins of 0.25 over [-6, 6]; values outside are counted in the end bins; counts exact
export type UnitState = 0 | 1 | 2;              // healthy, dead, saturated (dead wins)
export interface LayerHealth {                  // one hidden layer, on the probe set
  units: number;
  /** ReLU and Leaky ReLU only (else null): share of units with z <= 0 on every probe image. */
  deadFraction: number | null;
  /** Share of units whose f'(z) < 5 % of max f' on at least 95 % of probe images. */
  saturatedFraction: number;
  /** Mean over probe images and units of |f'(z)|. */
  meanAbsDerivative: number;
  histogram: Histogram;
  unitStates: Uint8Array;                       // per unit
}
export interface ProbeStats { step: number; layers: LayerHealth[] }          // hidden layers, input side first
export interface LayerNorms { gradNorm: number; weightNorm: number; updateNorm: number; updateRatio: number } // ‖∂L/∂W‖, ‖W‖, ‖ΔW‖ (Frobenius, weights only), ‖ΔW‖/‖W‖
export interface NormStats { step: number; layers: LayerNorms[] }            // every linear layer, input to output
export interface FirstLayerWeights { step: number; units: number; inputs: number; weights: Float32Array; bias: Float32Array } // the first `units` (≤ 64) rows of layer 0
export interface LossView { value: number; gradient: number[] }             // gradient w.r.t. each of the 10 logits
export interface Inspection {
  logits: number[]; probabilities: number[];    // probabilities as the run's loss defines them
  target: number;
  losses: Record<LossName, LossView>;           // all three losses at this input and target, from the engine's loss kernels
  firstLayer: { z: number[]; a: number[] } | null; // layer 0's pre-activations and activations (null without hidden layers)
}
export interface Evaluation { accuracy: number; loss: number; confusion: number[]; predicted: Uint32Array } // confusion: 100 counts, row = true class; predicted: argmax per test image
export interface ActivationCurve { xs: number[]; f: number[]; df: number[] }  // xs = -6..6 step 0.25 (49 points, 0 included)
