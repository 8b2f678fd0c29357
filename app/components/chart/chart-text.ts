// The words and number formats of the runs chart.
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

/** A tick: 2 significant digits; big counts (samples) as 60k, 1.2M. */
export function formatTick(v: number): string {
  if (Math.abs(v) >= 1e6) return `${Number((v / 1e6).toPrecision(3))}M`;
  if (Math.abs(v) >= 1e4) return `${Number((v / 1e3).toPrecision(3))}k`;
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
