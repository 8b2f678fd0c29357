import { describe, expect, it } from 'vitest';
import { APP_DEFAULT_CONFIG } from '../app/config-form';
import { chartAxes, drawnSeries, MAX_DRAWN_POINTS, plannedEnd } from '../app/components/chart/chart-layout';
import { formatTick, formatX } from '../app/components/chart/chart-text';
import { verdictOf } from '../app/components/drawing/predictions';
import { trainBlocker } from '../app/components/settings/train-blocker';
import { shortNames } from '../app/components/short-names';
import { epochText } from '../app/components/format';
import type { LossPoint } from '../app/protocol';
import { requestedRun, type RunRecord } from '../app/state/run-record';

function run(points: LossPoint[], change: Partial<RunRecord> = {}): RunRecord {
  const base = requestedRun({ id: 'r-1', raceId: 'r-1', config: { ...APP_DEFAULT_CONFIG, epochs: 2 }, color: '#1f77b4', createdAt: 1 });
  return { ...base, stepsPerEpoch: 100, trainCount: 6000, points, ...change };
}

const points = (losses: number[]) => losses.map((loss, i) => ({ step: 10 * i, loss, accuracy: 0.5, seconds: i }));

describe('a run as the chart draws it', () => {
  it('leaves out what cannot be drawn: NaN, and zero on a log scale', () => {
    const drawn = drawnSeries(run(points([2, NaN, 0, 1])), 'name', 'train-loss', 'step', 0, true);
    expect(drawn.points.map((p) => p.x)).toEqual([0, 30]);
    expect(drawn.raw).toEqual([]);
  });

  it('draws the raw values faintly under a smoothed line, both decimated', () => {
    const many = points(Array.from({ length: 1000 }, (_, i) => 2 / (1 + i)));
    const drawn = drawnSeries(run(many), 'name', 'train-loss', 'step', 0.9, false);
    expect(drawn.points.length).toBeLessThanOrEqual(MAX_DRAWN_POINTS);
    expect(drawn.raw.length).toBe(drawn.points.length);
    expect(drawn.points.at(-1)!.x).toBe(9990);
    // Smoothing lags a falling curve: the smoothed last value is above the raw one.
    expect(drawn.points.at(-1)!.y).toBeGreaterThan(drawn.raw.at(-1)!.y);
  });

  it('draws test figures per epoch, with dots and unsmoothed', () => {
    const epochs = [{ epoch: 0, step: 100, testAccuracy: 0.9, testLoss: 0.3, seconds: 4 }];
    const drawn = drawnSeries(run([], { epochs }), 'name', 'test-accuracy', 'epoch', 0.9, false);
    expect(drawn).toMatchObject({ perEpoch: true, raw: [], points: [{ x: 1, y: 90 }] });
  });
});

describe('the chart axes', () => {
  it('span each run to its planned end, so the ticks stay while it trains', () => {
    const r = run(points([2.3, 1]));
    expect([plannedEnd(r, 'step'), plannedEnd(r, 'epoch'), plannedEnd(r, 'samples'), plannedEnd(r, 'seconds')]).toEqual([200, 2, 12000, 0]);
    const { xAxis, yAxis, clipped } = chartAxes([drawnSeries(r, 'name', 'train-loss', 'step', 0, false)], [200], 'train-loss', false);
    expect(xAxis.domain).toEqual([0, 200]);
    expect(clipped).toBe(false);
    expect(yAxis.domain[0]).toBe(0);
    expect(yAxis.domain[1]).toBeGreaterThanOrEqual(2.3);
  });

  it('grow with wall time, which has no planned end', () => {
    const r = run(points(Array(40).fill(1)));
    expect(chartAxes([drawnSeries(r, 'name', 'train-loss', 'seconds', 0, false)], [0], 'train-loss', false).xAxis.domain[1]).toBeGreaterThanOrEqual(39);
  });

  it('end accuracies at 100 % and start them below the lowest point', () => {
    const epochs = [{ epoch: 0, step: 100, testAccuracy: 0.953, testLoss: 0.3, seconds: 4 }];
    const { yAxis } = chartAxes([drawnSeries(run([], { epochs }), 'name', 'test-accuracy', 'step', 0, false)], [200], 'test-accuracy', false);
    expect(yAxis.domain[1]).toBe(100);
    expect(yAxis.domain[0]).toBeLessThanOrEqual(95.3);
    expect(yAxis.domain[0]).toBeGreaterThan(50);
  });

  it('keep a diverged run from flattening the others: its loss in the millions is cut off at the top', () => {
    const calm = drawnSeries(run(points([2.3, 1.2, 0.6])), 'calm', 'train-loss', 'step', 0, false);
    const wild = drawnSeries(run(points([2.2, 40, 1.25e7])), 'wild', 'train-loss', 'step', 0, false);
    const { yAxis, clipped } = chartAxes([calm, wild], [200, 200], 'train-loss', false);
    expect(clipped).toBe(true);
    expect(yAxis.domain[1]).toBeGreaterThanOrEqual(2.3);
    expect(yAxis.domain[1]).toBeLessThanOrEqual(4 * 2.3 + 2);
    expect(chartAxes([calm], [200], 'train-loss', false).clipped).toBe(false);
  });

  it('take whole decades on a log scale', () => {
    const { yAxis } = chartAxes([drawnSeries(run(points([2.3, 0.05])), 'name', 'train-loss', 'step', 0, true)], [200], 'train-loss', true);
    expect(yAxis.domain).toEqual([0.01, 10]);
  });
});

describe('the chart words', () => {
  it('write the pointer position in the x axis terms', () => {
    expect(formatX(1234.4, 'step')).toBe('step 1,234');
    expect(formatX(1.516, 'epoch')).toBe('epoch 1.52');
    expect(formatX(64000, 'samples')).toBe('samples 64,000');
    expect(formatX(12.34, 'seconds')).toBe('12.3 s');
  });

  it('write big ticks short', () => {
    expect([formatTick(0.25), formatTick(200), formatTick(60000), formatTick(1_200_000)]).toEqual(['0.25', '200', '60k', '1.2e6']);
    // A diverged loss's ticks stay short enough for the axis: none is cut to "000000".
    expect([1e9, 2.5e6, 4e12, 5e-5, 1e-4, 0].map(formatTick)).toEqual(['1e9', '2.5e6', '4e12', '5e-5', '1e-4', '0']);
    for (const v of [1e9, 7.5e8, 2.5e6, 1.2345e15, 999_999, 0.00012]) expect(formatTick(v).length, String(v)).toBeLessThanOrEqual(6);
  });

  it('write the epoch under way, and the last one once finished', () => {
    const config = { epochs: 3 };
    expect(epochText({ state: 'ready', step: 0, epoch: 0, config })).toBe('0 / 3');
    expect(epochText({ state: 'training', step: 5, epoch: 1, config })).toBe('2 / 3');
    expect(epochText({ state: 'finished', step: 900, epoch: 3, config })).toBe('3 / 3');
  });
});

describe('a run reading the drawing', () => {
  it('is its most probable digit, or why it has none', () => {
    const probabilities = new Float32Array(10).fill(0.05);
    probabilities[7] = 0.55;
    expect(verdictOf({ runId: 'r', probabilities }, true)).toMatchObject({ digit: 7 });
    expect(verdictOf({ runId: 'r', probabilities: null }, true)).toEqual({ digit: null, why: 'no usable model right now' });
    expect(verdictOf(undefined, false)).toEqual({ digit: null, why: 'its model was not kept' });
  });
});

describe('Train', () => {
  it('can start a run once the data is loaded and the form is valid, and says why not before', () => {
    expect(trainBlocker('ready', true, true)).toBeNull();
    expect(trainBlocker('loading', false, true)).toMatch(/Loading/);
    expect(trainBlocker('ready', false, true)).toMatch(/Loading/);
    expect(trainBlocker('ready', true, false)).toMatch(/marked in red/);
    expect(trainBlocker('recovering', true, true)).toMatch(/new GPU device/);
    expect(trainBlocker('failed', true, true)).toMatch(/start it again/);
  });
});

describe('short run names', () => {
  const named = (change: Partial<typeof APP_DEFAULT_CONFIG>, customName: string | null = null) => ({ customName, config: { ...APP_DEFAULT_CONFIG, ...change }, origin: 'new' as const });

  it('keep only the settings the runs do not share', () => {
    expect(shortNames([named({ activation: 'relu' }), named({ activation: 'sigmoid' })])).toEqual(['ReLU', 'Sigmoid']);
    expect(shortNames([named({ lr: 0.01 }), named({ lr: 0.1 }), named({ lr: 0.1, batchSize: 64 })])).toEqual([
      'Adam 0.01 · batch 128',
      'Adam 0.1 · batch 128',
      'Adam 0.1 · batch 64',
    ]);
  });

  it('stay whole for one run, for runs alike in everything, and where the user named them', () => {
    expect(shortNames([named({})])).toEqual(['ReLU · cross-entropy · Adam 0.001 · 128 · batch 128']);
    expect(shortNames([named({}), named({})])).toEqual(Array(2).fill('ReLU · cross-entropy · Adam 0.001 · 128 · batch 128'));
    expect(shortNames([named({}, 'mine'), named({ activation: 'tanh' }), named({ activation: 'relu' })])).toEqual(['mine', 'Tanh', 'ReLU']);
  });
});
