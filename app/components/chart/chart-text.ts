// The words and number formats of the runs chart; the words are the catalogue's (chart part).
import type { LossName } from '../../../gpu';
import { messages, type Catalogue } from '../../i18n/messages';
import { isAccuracy, type ChartMetric, type ChartXAxis } from '../../runs/chart-series';
import { formatLoss } from '../format';

export const METRICS = ['train-loss', 'train-accuracy', 'test-loss', 'test-accuracy'] as const satisfies readonly ChartMetric[];
export const X_AXES = ['step', 'epoch', 'samples', 'seconds'] as const satisfies readonly ChartXAxis[];

/** The y axis' title: "Training loss (cross-entropy, nats)", "Test accuracy (%)"; the loss of runs that differ in it is not named. */
export function yAxisTitle(metric: ChartMetric, losses: readonly LossName[], t: Catalogue = messages()): string {
  const name = t.chart.metric[metric];
  if (isAccuracy(metric)) return t.chart.yAxisTitle(name, '%');
  const kinds = [...new Set(losses)];
  return t.chart.yAxisTitle(name, kinds.length === 1 ? t.chart.lossUnit[kinds[0]] : t.chart.ofDifferentLosses);
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
export function formatX(x: number, xAxis: ChartXAxis, t: Catalogue = messages()): string {
  switch (xAxis) {
    case 'step':
      return t.chart.atStep(Math.round(x).toLocaleString('en'));
    case 'epoch':
      return t.chart.atEpoch(x.toFixed(2));
    case 'samples':
      return t.chart.atSamples(Math.round(x).toLocaleString('en'));
    case 'seconds':
      return t.chart.atSeconds(x.toFixed(1));
  }
}

/** A value of the metric: accuracies are in percent already. */
export const formatMetric = (y: number, metric: ChartMetric) => (isAccuracy(metric) ? `${y.toFixed(2)} %` : formatLoss(y));
