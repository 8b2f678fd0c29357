// The words and number formats of the runs chart.
import type { LossName } from '../../../gpu';
import { isAccuracy, type ChartMetric, type ChartXAxis } from '../../runs/chart-series';
import { formatLoss } from '../format';

export const METRIC_LABELS: Record<ChartMetric, string> = {
  'train-loss': 'Training loss',
  'train-accuracy': 'Training accuracy',
  'test-loss': 'Test loss',
  'test-accuracy': 'Test accuracy',
};

export const X_AXIS_LABELS: Record<ChartXAxis, string> = {
  step: 'Step',
  epoch: 'Epoch',
  samples: 'Samples seen',
  seconds: 'Wall time (s)',
};

/** The x axis' title, with its unit. */
export const X_AXIS_TITLES: Record<ChartXAxis, string> = {
  step: 'Step',
  epoch: 'Epoch',
  samples: 'Samples seen',
  seconds: 'Time (s)',
};

/** What a loss is measured in: cross-entropies in nats (natural logarithms); MSE on the softmax has no unit. */
const LOSS_UNITS: Record<LossName, string> = {
  'cross-entropy': 'cross-entropy, nats',
  mse: 'mean squared error on the softmax',
  bce: 'binary cross-entropy, nats',
};

/** The y axis' title: "Training loss (cross-entropy, nats)", "Test accuracy (%)"; the loss of runs that differ in it is not named. */
export function yAxisTitle(metric: ChartMetric, losses: readonly LossName[]): string {
  if (isAccuracy(metric)) return `${METRIC_LABELS[metric]} (%)`;
  const kinds = [...new Set(losses)];
  return kinds.length === 1 ? `${METRIC_LABELS[metric]} (${LOSS_UNITS[kinds[0]]})` : `${METRIC_LABELS[metric]} (of different losses)`;
}

/**
 * A tick, at most six characters so that none is cut off: 2 significant digits; counts from ten
 * thousand as 60k, 250k; from a million, and below a thousandth, as powers of ten: 1.2e6, 1e9, 5e-5.
 */
export function formatTick(v: number): string {
  const size = Math.abs(v);
  if (size >= 1e6 || (size > 0 && size < 1e-3)) return v.toExponential(1).replace('.0e', 'e').replace('e+', 'e');
  if (size >= 1e4) return `${Number((v / 1e3).toPrecision(3))}k`;
  return String(Number(v.toPrecision(2)));
}

/** Where the pointer is, in the x axis' words: "step 1,234", "epoch 1.52", "samples 64,000", "12.3 s". */
export function formatX(x: number, xAxis: ChartXAxis): string {
  switch (xAxis) {
    case 'step':
      return `step ${Math.round(x).toLocaleString('en')}`;
    case 'epoch':
      return `epoch ${x.toFixed(2)}`;
    case 'samples':
      return `samples ${Math.round(x).toLocaleString('en')}`;
    case 'seconds':
      return `${x.toFixed(1)} s`;
  }
}

/** A value of the metric: accuracies are in percent already. */
export const formatMetric = (y: number, metric: ChartMetric) => (isAccuracy(metric) ? `${y.toFixed(2)} %` : formatLoss(y));
