// The inside part of the page's English catalogue (the section, the activation, unit health and the
// gradient flow; insideLens.ts has the weight tiles, the confusion matrix and the loss lens). The
// formulas themselves are app/inside/formulas.ts: written the same in every language.
import type { ActivationName } from '../../../gpu';
import { LEAKY_RELU_SLOPE } from '../../inside/formulas';
import type { BackendKind } from '../../protocol';

const step = (n: number) => n.toLocaleString('en');

export const inside = {
  title: 'Inside the network',
  show: 'Show inside the network',
  hide: 'Hide inside the network',
  folded:
    'The activation and its derivative, each layer’s dead and saturated units, how the gradient flows layer by layer, the first layer’s weights, the loss at work on one digit, and the confusion matrix.',
  noRun: 'Train a run, then look inside it here.',
  selectedRun: (name: string) =>
    `The selected run: ${name}. While it trains its statistics are measured on the device, on 1,000 fixed test images (the probe set): up to twice a second, less often where that would take more than a tenth of the training’s time.`,
  notInWorker: 'Its model is not in the worker: nothing to measure.',
  /** Why a lens input has no answer (in "No answer: …" and the tiles' readout). */
  notInWorkerReason: 'its model is not in the worker',

  activation: {
    title: (name: string) => `The activation at work: ${name}`,
    lookFor:
      'What to look for: where the shaded histograms sit on the curve. Units whose z fall where f′ is near 0 (left of 0 for ReLU, the flat tails of Sigmoid and Tanh) pass almost no gradient back, and learn slowly or not at all.',
    plotLabel: (name: string) => `${name}: f(x) solid and f′(x) dashed for x from −6 to 6.`,
    plotLabelWithLayers: (name: string, step: number) =>
      `${name}: f(x) solid and f′(x) dashed for x from −6 to 6, over the histogram of each hidden layer’s pre-activations z at step ${step}.`,
    layerZ: (layer: number, units: number) => `z of layer ${layer} (${units} units)`,
    atOrBelowZero: (percent: number) => `: ${percent} % ≤ 0`,
    values: 'Values',
    /** The plot's x axis, after the formula's "x". */
    xTitle: ' = the pre-activation z',
    /** The plot's right edge: what the height of the shaded histograms means. */
    histogramTitle: 'count of z per bin (relative)',
    computing: 'Computing the curve…',
    /** Where f′ is largest, and what that means for the gradient passing through. */
    slope: {
      relu: 'The gradient passes whole where z > 0 and not at all where z ≤ 0.',
      leaky_relu: `Left of 0 a unit still passes ${LEAKY_RELU_SLOPE} of the gradient, so it can come back.`,
      sigmoid: 'Every sigmoid layer multiplies the gradient by 0.25 at best, and by almost 0 on the tails.',
      tanh: 'Near 0 the gradient passes whole; beyond |x| ≈ 3 it all but stops.',
      gelu: 'Like ReLU for large |x|, smooth around 0, slightly negative just left of it.',
      gelu_tanh: 'GELU to within a few thousandths, computed without erf; t is the tanh in f(x).',
      silu: 'Smooth like GELU: a small dip below 0 left of the origin, then almost x.',
      elu: 'Left of 0 the slope fades smoothly instead of stopping at once.',
      softplus: 'A smooth ReLU: its slope is a sigmoid, never exactly 0.',
    } satisfies Record<ActivationName, string>,
    backend: { webgpu: 'WebGPU', wasm: 'WebAssembly', cpu: 'the CPU (JavaScript)' } satisfies Record<BackendKind, string>,
    computedBy: (backend: string | null, at: number | null) =>
      `Computed by the engine’s own forward and backward kernels${backend ? ` on ${backend}` : ''}: the curve drawn is the implementation. The shading is the distribution of each hidden layer’s pre-activations z on 1,000 test images${at === null ? '' : ` at step ${step(at)}`}, each scaled to its tallest bin; values beyond ±6 are counted at the ends.`,
    noHidden: 'This run has no hidden layers: no activation is applied anywhere in it.',
  },

  health: {
    title: 'Unit health, per layer',
    lookFor:
      'What to look for: a dead share that climbs and stays (ReLU with too large a learning rate), or most units saturated (Sigmoid or Tanh with large weights): either way little gradient reaches the layers before.',
    dead: 'Dead',
    deadMeans: `ReLU family only: z ≤ 0 on every probe image, so the unit outputs nothing that varies and passes no gradient (Leaky ReLU: only its ${LEAKY_RELU_SLOPE} slope).`,
    saturated: 'Saturated',
    saturatedMeans: 'f′(z) below 5 % of f′’s maximum on at least 95 % of the probe images: the unit sits on a flat part of the curve.',
    meanDerivative: 'Mean |f′(z)|',
    meanDerivativeMeans: 'The average slope over probe images and units: the factor the gradient is multiplied by on its way back through the layer.',
    caption: (at: number) => `On 1,000 test images, at step ${step(at)}`,
    layer: 'Layer',
    units: 'Units',
    yTitle: '% of the layer’s units',
    deadLine: (layer: number) => `dead, layer ${layer}`,
    saturatedLine: (layer: number) => `saturated, layer ${layer}`,
    fillsIn: 'The chart over steps fills in as the run trains.',
    chartLabel: 'Share of dead (solid) and saturated (dashed) units per hidden layer over the run’s steps.',
    chartLabelNoDead: 'Share of saturated (dashed) units per hidden layer over the run’s steps.',
    chartCaption: 'Solid: dead units; dashed: saturated units, per layer, over the steps.',
    chartCaptionNoDead: 'Saturated units, per layer, over the steps.',
    noHidden: 'This run has no hidden layers: there are no hidden units to look at.',
    measuring: 'Measuring on the probe images…',
  },

  flow: {
    title: 'Gradient flow',
    lookFor:
      'What to look for: in a deep Sigmoid network the first layers’ gradients are orders of magnitude below the last’s (each sigmoid multiplies the gradient by 0.25 at most on its way back); with ReLU the lines stay close. An update ratio far above 10⁻³ means steps that rewrite the weights; far below, a layer that barely moves.',
    gradNormMeans: 'The size (Frobenius norm) of the loss’s gradient with respect to the layer’s weights, on a training batch.',
    updateRatioMeans: 'How much one optimiser step changed the layer’s weights, relative to their size.',
    layer: (layer: number) => `layer ${layer}`,
    outputLayer: (layer: number) => `layer ${layer} (output)`,
    layerHead: 'Layer',
    perLayer: (field: string) => `${field}, per layer`,
    /** The charts' y axis, after the figure's formula. */
    logScale: ', log scale',
    fillsIn: (field: string) => `${field}: the chart fills in as the run trains.`,
    chartLabel: (field: string, run: string) => `${field} per layer over the steps of ${run}, on a log scale.`,
    atStep: (at: number) => `At step ${step(at)}`,
    comesNext: 'The norms come with the next training steps.',
  },
};
