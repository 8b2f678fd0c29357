// The chart part of the page's English catalogue; zh/chart.ts has the same messages in Chinese.
export const chart = {
  metric: {
    'train-loss': 'Training loss',
    'train-accuracy': 'Training accuracy',
    'test-loss': 'Test loss',
    'test-accuracy': 'Test accuracy',
  },
  /** The x axis' names in the dropdown and the table's first column. */
  xAxis: { step: 'Step', epoch: 'Epoch', samples: 'Samples seen', seconds: 'Wall time (s)' },
  /** The x axis' title, with its unit. */
  xAxisTitle: { step: 'Step', epoch: 'Epoch', samples: 'Samples seen', seconds: 'Time (s)' },
  /** What a loss is measured in: cross-entropies in nats (natural logarithms); MSE on the softmax has no unit. */
  lossUnit: { 'cross-entropy': 'cross-entropy, nats', mse: 'mean squared error on the softmax', bce: 'binary cross-entropy, nats' },
  yAxisTitle: (metric: string, unit: string) => `${metric} (${unit})`,
  ofDifferentLosses: 'of different losses',
  /** Where the readout is, in the x axis' words. */
  atStep: (step: string) => `step ${step}`,
  atEpoch: (epoch: string) => `epoch ${epoch}`,
  atSamples: (samples: string) => `samples ${samples}`,
  atSeconds: (seconds: string) => `${seconds} s`,
  noValueYet: 'no value yet',
  /** "lr 0.001 → 0.0001": a change of the learning rate as the chart marks it. */
  lrChange: (from: number, to: number) => `lr ${from} → ${to}`,
  controls: { metric: 'Metric', smoothing: 'Smoothing', xAxis: 'X axis', logScale: 'Log scale' },
  notComparable: (losses: string) => `These runs use different losses (${losses}): their loss values are not comparable; their accuracies are.`,
  clipped: 'Some values are above the top of the chart (a run that diverged): Log scale shows them all.',
  afterEachEpoch: 'after each epoch',
  perStep: 'per step',
  perStepSmoothed: (smoothing: string) => `per step (thin: raw; thick: smoothed ${smoothing})`,
  against: (xAxis: string) => `against ${xAxis.toLowerCase()}`,
  /** The chart's accessible name. */
  nameEmpty: (metric: string, against: string) => `${metric} ${against}: no run shown yet`,
  nameOfRuns: (metric: string, count: number, against: string) => `${metric} of ${count} ${count === 1 ? 'run' : 'runs'} ${against}`,
  roleDescription: 'chart',
  caption: (metric: string, what: string, against: string) =>
    `${metric} ${what} ${against}, one line per run shown. Point at it, touch it, or focus it and use the arrow keys (Home, End) to read every run’s value.`,
  showTable: 'Show as table',
  hideTable: 'Hide the table',
  tableRegion: 'The chart as a table',
  tableCaption: (metric: string, xAxis: string) => `${metric} of the runs shown against ${xAxis.toLowerCase()}`,
  tableThinned: (shown: number, all: number, every: number) => `: ${shown} of ${all} points (every ${every}th, and the last)`,
  downloadCsv: 'Download CSV',
  downloadJson: 'Download JSON',
  downloadHint: 'Show a run on the chart to download its history.',
  notesLabel: 'What the numbers mean',
  /** Each loss's chance level (the loss of the best answer that ignores the image). */
  lossNote: {
    'cross-entropy': (chance: string) => `Cross-entropy: a model that answers 10 % for every digit scores ln 10 ≈ ${chance} (nats), its chance level; a perfect one 0.`,
    mse: (chance: string) =>
      `Mean squared error on the softmax averages ten squared probability errors, so its values are about fifty times smaller than cross-entropy’s: its chance level is ≈ ${chance}.`,
    bce: (chance: string) => `Binary cross-entropy scores each of the ten outputs as a yes/no answer: its chance level is ≈ ${chance} (nats).`,
  },
  accuracyNote: 'A test accuracy of 10 % is guessing: one digit in ten.',
};
