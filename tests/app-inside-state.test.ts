// The page's state of "Inside the network": what the worker's statistics make of a run, what a
// restore drops, the lens, which runs are watched, and what the debug handle reports.
import { describe, expect, it } from 'vitest';
import { APP_DEFAULT_CONFIG } from '../app/config-form';
import type { RunId } from '../app/protocol';
import { INITIAL_PAGE, reducePage, type PageAction, type PageState } from '../app/state/page-state';
import { orphaned, requestedRun } from '../app/state/run-record';
import { confusionRows, layerStats, watchedRunIds } from '../app/state/selectors';
import { confusionCounts, firstLayer, layerHealth, normStats, probeStats } from './inside-fixtures';

const reduce = (state: PageState, ...actions: PageAction[]) => actions.reduce(reducePage, state);
const config = { ...APP_DEFAULT_CONFIG, hidden: [16, 8] };
const created = (runId: RunId, step = 0): PageAction => ({
  type: 'run-created',
  runId,
  config,
  stepsPerEpoch: 10,
  trainCount: 640,
  step,
  epoch: 0,
  initialWeightsHash: 'c0ffee01',
  backend: 'cpu',
  adapter: 'CPU',
});
const health = (runId: RunId, step: number): PageAction => ({ type: 'health', runId, stats: probeStats(step, [layerHealth(16, 4), layerHealth(8, 0)]), weights: firstLayer(step, 16) });

const page = reduce(
  INITIAL_PAGE,
  { type: 'runs-added', runs: [requestedRun({ id: 'a', raceId: 'a', config, color: '#1f77b4', createdAt: 1 }), requestedRun({ id: 'b', raceId: 'a', config, color: '#ff7f0e', createdAt: 1 })] },
  created('a'),
  created('b'),
  { type: 'norms', runId: 'a', stats: normStats(10, 3) },
  health('a', 10),
  { type: 'norms', runId: 'a', stats: normStats(20, 3) },
  health('a', 20),
  { type: 'epoch', runId: 'a', epoch: 1, step: 10, testAccuracy: 0.9, testLoss: 0.4, seconds: 1, confusion: confusionCounts() },
);
const a = page.runs.a;

describe('the page state: inside the network', () => {
  it('keeps the norms and health over the steps, the latest probe and first layer, and the confusion of the latest evaluation', () => {
    expect(a.norms.map((n) => n.step)).toEqual([10, 20]);
    expect(a.health?.step).toBe(20);
    expect(a.firstLayer).toMatchObject({ step: 20, units: 16 });
    expect(a.healthHistory).toEqual([
      { step: 10, dead: [0.25, 0], saturated: [0.25, 0.25], meanAbs: [0.5, 0.5] },
      { step: 20, dead: [0.25, 0], saturated: [0.25, 0.25], meanAbs: [0.5, 0.5] },
    ]);
    expect(a.confusion).toEqual({ step: 10, counts: confusionCounts(), accuracy: 0.9 });
    expect(page.runs.b.norms).toEqual([]);
    const asked = reduce(page, { type: 'confusion', runId: 'a', step: 25, counts: confusionCounts(80), accuracy: 0.8 });
    expect(asked.runs.a.confusion).toEqual({ step: 25, counts: confusionCounts(80), accuracy: 0.8 });
  });

  it('drops what came after the step a run goes back to', () => {
    const back = reduce(page, { type: 'restored', runId: 'a', cause: 'rollback', step: 15, epoch: 1, config }).runs.a;
    expect(back.norms.map((n) => n.step)).toEqual([10]);
    expect(back.healthHistory.map((h) => h.step)).toEqual([10]);
    expect(back.health).toBeNull();
    expect(back.firstLayer).toBeNull();
    expect(back.confusion?.step).toBe(10);
    const start = reduce(page, { type: 'restored', runId: 'a', cause: 'device-lost', step: 0, epoch: 0, config }).runs.a;
    expect(start.confusion).toBeNull();
    expect(start.norms).toEqual([]);
  });

  it('keeps what it showed when the worker that held the run goes', () => {
    expect(orphaned(a)).toMatchObject({ norms: a.norms, health: a.health, confusion: a.confusion });
  });

  it('opens and folds the section, and keeps the lens input and target', () => {
    const open = reduce(page, { type: 'inside-open', open: true });
    expect(open.inside.open).toBe(true);
    expect(reduce(open, { type: 'inside-open', open: true })).toBe(open);
    const lens = reduce(open, { type: 'lens-input', input: { kind: 'test', index: 7 } }, { type: 'lens-target', target: 3 });
    expect(lens.lens).toEqual({ input: { kind: 'test', index: 7 }, target: 3 });
    expect(reduce(lens, { type: 'lens-target', target: 3 })).toBe(lens);
  });

  it('watches the visible runs the worker holds and the selected one, only while the section is open', () => {
    expect(watchedRunIds(page)).toEqual([]);
    const open = reduce(page, { type: 'inside-open', open: true });
    expect(watchedRunIds(open)).toEqual(['a', 'b']);
    expect(watchedRunIds(reduce(open, { type: 'visibility', runId: 'a', visible: false }))).toEqual(['a', 'b']);
    expect(watchedRunIds(reduce(open, { type: 'visibility', runId: 'b', visible: false }))).toEqual(['a']);
    expect(watchedRunIds(reduce(open, { type: 'worker-crashed', message: 'gone' }))).toEqual([]);
  });

  it('reports each linear layer’s latest norms, and the hidden ones’ health, for the debug handle', () => {
    const stats = layerStats(a);
    expect(stats).toMatchObject({ step: 20, healthStep: 20 });
    expect(stats.layers).toHaveLength(3);
    expect(stats.layers.map((layer) => layer.gradNorm)).toEqual(normStats(20, 3).layers.map((layer) => layer.gradNorm));
    expect(stats.layers[0]).toMatchObject({ deadFraction: 0.25, saturatedFraction: 0.25, meanAbsDerivative: 0.5 });
    expect(stats.layers[0].histogram?.counts.reduce((s, c) => s + c, 0)).toBe(16_000);
    expect(stats.layers[2]).toEqual({ gradNorm: 1, updateRatio: 0.001 });
    const none = layerStats(page.runs.b);
    expect(none).toMatchObject({ step: null, healthStep: null });
    expect(none.layers[0]).toEqual({ gradNorm: null, updateRatio: null, deadFraction: null, saturatedFraction: null, meanAbsDerivative: null, histogram: null });
  });

  it('gives the confusion counts as ten rows of ten, true class first', () => {
    const rows = confusionRows(a)!;
    expect(rows).toHaveLength(10);
    expect(rows[3][3]).toBe(90);
    expect(rows[3][4]).toBe(1);
    expect(rows.flat().reduce((s, c) => s + c, 0)).toBe(910);
    expect(confusionRows(page.runs.b)).toBeNull();
  });
});
