// The selected run's controls and the chart's words: the learning-rate marks, the axes' titles,
// the notes on what the numbers mean, and what Resume and Step say while the form is invalid.
import { describe, expect, it } from 'vitest';
import { APP_DEFAULT_CONFIG } from '../app/config-form';
import { lrMarks } from '../app/components/chart/chart-layout';
import { chartNotes } from '../app/components/chart/chart-notes';
import { yAxisTitle } from '../app/components/chart/chart-text';
import { catalogueOf } from '../app/i18n/messages';

const ACCURACY_NOTE = catalogueOf('en').chart.accuracyNote;
import { goOnNote } from '../app/components/settings/train-blocker';
import { noWebGpuText } from '../app/components/backend-text';
import { requestedRun } from '../app/state/run-record';

describe('the learning-rate marks', () => {
  const run = {
    ...requestedRun({ id: 'r-1', raceId: 'r-1', config: { ...APP_DEFAULT_CONFIG, batchSize: 100 }, color: '#1f77b4', createdAt: 1 }),
    stepsPerEpoch: 600,
    trainCount: 60_000,
    points: [{ step: 100, loss: 2, accuracy: 0.2, seconds: 4 }, { step: 300, loss: 1, accuracy: 0.5, seconds: 12 }, { step: 400, loss: 0.9, accuracy: 0.6, seconds: 16 }],
    lrChanges: [{ step: 300, from: 0.001, to: 0.0001 }, { step: 350, from: 0.0001, to: 0.01 }],
  };

  it('lie where each change took effect, on every x axis, labelled with both rates', () => {
    expect(lrMarks(run, 'step')).toEqual([
      { x: 300, step: 300, label: 'lr 0.001 → 0.0001' },
      { x: 350, step: 350, label: 'lr 0.0001 → 0.01' },
    ]);
    expect(lrMarks(run, 'epoch').map((m) => m.x)).toEqual([0.5, 350 / 600]);
    expect(lrMarks(run, 'samples').map((m) => m.x)).toEqual([30_000, 35_000]);
    // The worker times points, not changes: a change takes the time of the last point up to it.
    expect(lrMarks(run, 'seconds').map((m) => m.x)).toEqual([12, 12]);
    expect(lrMarks({ ...run, lrChanges: [] }, 'step')).toEqual([]);
  });
});

describe('the chart’s axes and notes', () => {
  it('title each axis with its unit, and a loss with what it is measured in', () => {
    expect(Object.values(catalogueOf('en').chart.xAxisTitle)).toEqual(['Step', 'Epoch', 'Samples seen', 'Time (s)']);
    expect(yAxisTitle('train-loss', ['cross-entropy', 'cross-entropy'])).toBe('Training loss (cross-entropy, nats)');
    expect(yAxisTitle('test-loss', ['mse'])).toBe('Test loss (mean squared error on the softmax)');
    expect(yAxisTitle('train-loss', ['mse', 'bce'])).toBe('Training loss (of different losses)');
    expect(yAxisTitle('test-accuracy', ['mse', 'bce'])).toBe('Test accuracy (%)');
  });

  it('say what the visible runs’ losses mean, each once, and what 10 % accuracy is', () => {
    const [ce, accuracy] = chartNotes(['cross-entropy', 'cross-entropy']);
    expect(ce).toContain('ln 10 ≈ 2.30');
    expect(accuracy).toBe(ACCURACY_NOTE);
    const all = chartNotes(['bce', 'mse', 'cross-entropy']);
    expect(all).toHaveLength(4);
    expect(all[1]).toContain('about fifty times smaller');
    expect(all[1]).toContain('≈ 0.09');
    expect(all[2]).toContain('≈ 0.325');
    expect(chartNotes([]), 'no run: what accuracy means still').toEqual([ACCURACY_NOTE]);
  });
});

describe('Resume and Step while the form is invalid', () => {
  it('say they continue the selected run with its own settings, when they can act', () => {
    const name = 'ReLU · cross-entropy · Adam 0.001 · 128 · batch 128';
    expect(goOnNote(false, name, ['Resume', 'Step'])).toBe(`Resume and Step continue ${name} with its own settings.`);
    expect(goOnNote(false, name, ['Step'])).toBe(`Step continues ${name} with its own settings.`);
    expect(goOnNote(true, name, ['Resume', 'Step']), 'a valid form: nothing to tell apart').toBeNull();
    expect(goOnNote(false, name, []), 'they cannot act: their reason is said instead').toBeNull();
    expect(goOnNote(false, null, ['Step'])).toBeNull();
  });
});

describe('the page without WebGPU', () => {
  it('names the step that failed (a refused device’s error is shown beside it, in the browser’s words)', () => {
    expect(noWebGpuText(catalogueOf('en').backend, 'no-api')).toMatch(/^This browser does not support WebGPU \(/);
    expect(noWebGpuText(catalogueOf('en').backend, 'no-adapter')).toBe('WebGPU is present but no adapter was found (the GPU or its driver may be blocked).');
    expect(noWebGpuText(catalogueOf('en').backend, 'no-device')).toBe('WebGPU found a GPU but could not open it.');
  });
});
