// The page's state: what each message of the worker, and each thing the page does, makes of it.
import { describe, expect, it, vi } from 'vitest';
import type { TrainConfig } from '../gpu';
import { APP_DEFAULT_CONFIG, draftFrom } from '../app/config-form';
import type { LossPoint, RunId } from '../app/protocol';
import { INITIAL_PAGE, MAX_VISIBLE_RUNS, reducePage, type PageAction, type PageState } from '../app/state/page-state';
import { requestedRun, type RunRecord } from '../app/state/run-record';
import { allRunsSelector, chartSettingsSelector, debugRuns, raceCommand, selectedRun, visibleRunsSelector } from '../app/state/selectors';
import { PageStore } from '../app/state/store';
import { catalogueOf } from '../app/i18n/messages';
import { plainText } from '../app/i18n/wording';
import { confusionCounts } from './inside-fixtures';

const reduce = (state: PageState, ...actions: PageAction[]) => actions.reduce(reducePage, state);
const points = (...steps: number[]): LossPoint[] => steps.map((step) => ({ step, loss: 3 - step / 100, accuracy: step / 1000, seconds: step / 10 }));
const progress = (runId: RunId, at: LossPoint[], step = at.at(-1)?.step ?? 0): PageAction => ({ type: 'progress', runId, points: at, step, epoch: 0, samplesPerSec: 1200, elapsedMs: 5000 });
const epochEnd = (runId: RunId, epoch: number, step: number): PageAction => ({ type: 'epoch', runId, epoch, step, testAccuracy: 0.9, testLoss: 0.3, seconds: step / 10, confusion: confusionCounts() });
const requested = (id: RunId, raceId = id, config: TrainConfig = APP_DEFAULT_CONFIG, createdAt = 1000): RunRecord =>
  requestedRun({ id, raceId, config, color: '#1f77b4', createdAt });
const created = (runId: RunId, config: TrainConfig = APP_DEFAULT_CONFIG, step = 0, epoch = 0): PageAction => ({
  type: 'run-created',
  runId,
  config,
  stepsPerEpoch: 100,
  trainCount: 12_800,
  step,
  epoch,
  initialWeightsHash: 'c0ffee01',
  backend: 'webgpu',
  adapter: 'SwiftShader',
});
const tenSteps = (n: number) => Array.from({ length: n }, (_, i) => 10 * (i + 1));

/** A race of two runs, the first 300 steps in with losses every 10 steps and epochs ended at 100 and 200. */
const race = reduce(
  INITIAL_PAGE,
  { type: 'runs-added', runs: [requested('a'), requested('b', 'a')] },
  created('a'),
  created('b'),
  { type: 'run-state', runId: 'a', state: 'training' },
  { type: 'run-state', runId: 'b', state: 'training' },
  progress('a', points(...tenSteps(30))),
  epochEnd('a', 1, 100),
  epochEnd('a', 2, 200),
);
const a = race.runs.a;

describe('the page state: runs', () => {
  it('adds the runs the page asked for, in order, selecting the first', () => {
    expect(race.runOrder).toEqual(['a', 'b']);
    expect(race.selectedRunId).toBe('a');
    const later = reduce(race, { type: 'runs-added', runs: [requested('c', 'c', APP_DEFAULT_CONFIG, 2000)] });
    expect(later.runOrder).toEqual(['a', 'b', 'c']);
    expect(later.selectedRunId).toBe('c');
  });

  it('takes what the worker built: figures, hash, backend, held by the worker', () => {
    expect(a).toMatchObject({ stepsPerEpoch: 100, trainCount: 12_800, initialWeightsHash: 'c0ffee01', backend: 'webgpu', adapter: 'SwiftShader', inWorker: true, state: 'training' });
    expect(reduce(INITIAL_PAGE, { type: 'runs-added', runs: [requested('x')] }).runs.x).toMatchObject({ inWorker: false, initialWeightsHash: null, state: 'ready' });
  });

  it('takes progress: points appended, the latest loss (NaN included) shown, the other runs untouched', () => {
    expect(a.points.map((p) => p.step)).toEqual(tenSteps(30));
    expect(a).toMatchObject({ lastLoss: 0, step: 300, samplesPerSec: 1200, elapsedMs: 5000 });
    expect(race.runs.b.points).toEqual([]);
    const diverging = reduce(race, progress('a', [{ step: 310, loss: NaN, accuracy: 0.1, seconds: 31 }]));
    expect(diverging.runs.a.lastLoss).toBeNaN();
    expect(diverging.runs.b, 'the same object: nothing re-renders for it').toBe(race.runs.b);
    expect(reduce(race, progress('a', [], 305)).runs.a, 'no points: the last loss stays').toMatchObject({ lastLoss: 0, step: 305 });
  });

  it('keeps one result an epoch, with its time', () => {
    expect(a.epochs).toEqual([
      { epoch: 1, step: 100, testAccuracy: 0.9, testLoss: 0.3, seconds: 10 },
      { epoch: 2, step: 200, testAccuracy: 0.9, testLoss: 0.3, seconds: 20 },
    ]);
    expect(reduce(race, epochEnd('a', 2, 200)).runs.a.epochs).toHaveLength(2);
  });

  it('stops a diverged run alone, and goes back to its rollback’s checkpoint with the new learning rate', () => {
    const lr = APP_DEFAULT_CONFIG.lr / 10;
    const diverged = reduce(race, { type: 'diverged', runId: 'a', seen: 'the training loss became NaN', step: 300, rollback: { step: 150, lr } });
    expect(diverged.runs.a).toMatchObject({ state: 'diverged', incident: { kind: 'diverged', seen: 'the training loss became NaN', step: 300, rollback: { step: 150, lr } } });
    expect(diverged.runs.b.state).toBe('training');
    const restored = reduce(diverged, { type: 'restored', runId: 'a', cause: 'rollback', step: 150, epoch: 1, config: { ...APP_DEFAULT_CONFIG, lr } });
    expect(restored.runs.a.points.map((p) => p.step)).toEqual(tenSteps(15));
    expect(restored.runs.a.epochs.map((e) => e.step)).toEqual([100]);
    expect(restored.runs.a).toMatchObject({ step: 150, epoch: 1, config: { lr }, lastLoss: 1.5, incident: { kind: 'rolled-back', step: 150, lr } });
  });

  it('ends a run on its GPU error, keeping what it trained', () => {
    const failed = reduce(race, { type: 'run-failed', runId: 'b', message: 'GPU out of memory' });
    expect(failed.runs.b).toMatchObject({ state: 'failed', incident: { kind: 'gpu-error', message: 'GPU out of memory' } });
    expect(failed.runs.a).toBe(race.runs.a);
  });

  it('ignores messages about runs it no longer has', () => {
    const gone = reduce(race, { type: 'runs-removed', runIds: ['a'] });
    expect(reduce(gone, progress('a', points(400)), { type: 'run-state', runId: 'a', state: 'paused' })).toBe(gone);
  });

  it('moves the selection to the newest run left when the selected one goes', () => {
    const three = reduce(race, { type: 'runs-added', runs: [requested('c', 'c', APP_DEFAULT_CONFIG, 2000)] }, { type: 'select', runId: 'b' });
    const gone = reduce(three, { type: 'runs-removed', runIds: ['b'] });
    expect(gone).toMatchObject({ runOrder: ['a', 'c'], selectedRunId: 'c' });
    expect(gone.runs).not.toHaveProperty('b');
    expect(reduce(gone, { type: 'runs-removed', runIds: ['a', 'c'] }).selectedRunId).toBeNull();
    expect(reduce(three, { type: 'select', runId: 'nobody' }), 'no such run').toBe(three);
  });

  it('renames a run, an empty name giving back the generated one', () => {
    const named = reduce(race, { type: 'renamed', runId: 'a', name: '  fast one ' });
    expect(named.runs.a.customName).toBe('fast one');
    expect(reduce(named, { type: 'renamed', runId: 'a', name: '  ' }).runs.a.customName).toBeNull();
  });

  it(`keeps at most ${MAX_VISIBLE_RUNS} runs on the chart, hiding the oldest`, () => {
    const many = Array.from({ length: MAX_VISIBLE_RUNS + 2 }, (_, i) => requested(`r${i}`, `r${i}`, APP_DEFAULT_CONFIG, i));
    const state = reduce(INITIAL_PAGE, { type: 'runs-added', runs: many });
    expect(state.runOrder.filter((id) => state.runs[id].visible)).toEqual(many.slice(2).map((run) => run.id));
    const shown = reduce(state, { type: 'visibility', runId: 'r0', visible: true });
    expect(shown.runs.r0.visible).toBe(true);
    expect(shown.runs.r2.visible, 'the oldest other goes').toBe(false);
    expect(reduce(shown, { type: 'visibility', runId: 'r5', visible: false }).runs.r5.visible).toBe(false);
  });

  it('changes a run’s learning rate and its record of changes as the worker says', () => {
    const changes = [{ step: 40, from: APP_DEFAULT_CONFIG.lr, to: 0.01 }];
    const changed = reduce(race, { type: 'lr-changes', runId: 'a', lr: 0.01, changes });
    expect(changed.runs.a.config).toEqual({ ...APP_DEFAULT_CONFIG, lr: 0.01 });
    expect(changed.runs.a.lrChanges).toEqual(changes);
    expect(changed.runs.b.lrChanges, 'the other run of the race keeps its own').toEqual([]);
  });
});

describe('the page state: runs read back from storage', () => {
  const stored = (id: string, state: RunRecord['state'], createdAt: number): RunRecord => ({
    ...requested(id, id, APP_DEFAULT_CONFIG, createdAt),
    initialWeightsHash: 'c0ffee01',
    stepsPerEpoch: 100,
    trainCount: 12_800,
    state,
    step: 250,
    epoch: 2,
    points: points(...tenSteps(25)),
    epochs: [{ epoch: 1, step: 100, testAccuracy: 0.8, testLoss: 0.5, seconds: 10 }, { epoch: 2, step: 200, testAccuracy: 0.85, testLoss: 0.4, seconds: 20 }],
    hasStoredWeights: true,
  });
  const loaded = reduce(INITIAL_PAGE, {
    type: 'runs-loaded',
    runs: [stored('new', 'training', 20), stored('old', 'finished', 10)],
    skipped: [{ key: 'r-bad', problem: { kind: 'bad-setting', path: 'config.lr', problem: { field: 'lr', kind: 'not-positive' } } }],
  });

  it('go first, oldest first, the newest selected; a run the tab died training is paused', () => {
    expect(loaded).toMatchObject({ runOrder: ['old', 'new'], selectedRunId: 'new' });
    expect(loaded.runs.new).toMatchObject({ state: 'paused', inWorker: false });
    expect(loaded.runs.old.state).toBe('finished');
  });

  it('say which records were skipped, and why, until dismissed', () => {
    expect(loaded.notices.map((notice) => plainText(notice(catalogueOf('en'))))).toEqual(['A stored run could not be read and was skipped (r-bad): config.lr: learning rate must be a positive number. The other runs are here.']);
    expect(reduce(loaded, { type: 'dismiss-notice', index: 0 }).notices).toEqual([]);
    expect(reduce(loaded, { type: 'dismiss-notice', index: 3 })).toBe(loaded);
  });

  it('come back to the worker parked at their checkpoint: later points dropped, paused or finished by the epochs done', () => {
    const adopted = reduce(loaded, created('new', APP_DEFAULT_CONFIG, 200, 2));
    expect(adopted.runs.new).toMatchObject({ inWorker: true, state: 'paused', step: 200, lastLoss: 1 });
    expect(adopted.runs.new.points.at(-1)?.step).toBe(200);
    expect(adopted.runs.new.epochs).toHaveLength(2);
    const finished = reduce(loaded, created('old', APP_DEFAULT_CONFIG, 300, 3));
    expect(finished.runs.old.state).toBe('finished');
  });

  it('know whether their weights are stored', () => {
    const dropped = reduce(loaded, { type: 'weights-dropped', runIds: ['old'] });
    expect(dropped.runs.old.hasStoredWeights).toBe(false);
    expect(reduce(dropped, { type: 'weights-stored', runId: 'old' }).runs.old.hasStoredWeights).toBe(true);
  });

  it('do not replace a run the page already has', () => {
    expect(reduce(loaded, { type: 'runs-loaded', runs: [stored('old', 'paused', 10)], skipped: [] })).toBe(loaded);
  });
});

describe('the page state: the worker', () => {
  it('says a device was lost, where each run was restored, and when recovery is over', () => {
    const lost = reduce(race, { type: 'device-lost', reason: 'the driver was reset' }, { type: 'phase', phase: 'recovering' });
    expect(lost.worker).toMatchObject({ phase: 'recovering', incident: { kind: 'device-lost', reason: 'the driver was reset', recovering: true, restored: {} } });
    const restored = reduce(
      lost,
      { type: 'restored', runId: 'a', cause: 'device-lost', step: 200, epoch: 2, config: APP_DEFAULT_CONFIG },
      { type: 'restored', runId: 'b', cause: 'device-lost', step: 0, epoch: 0, config: APP_DEFAULT_CONFIG },
      { type: 'phase', phase: 'ready' },
    );
    expect(restored.worker.incident).toEqual({ kind: 'device-lost', reason: 'the driver was reset', recovering: false, restored: { a: 200, b: 0 } });
    expect(restored.runs.a.points.at(-1)?.step).toBe(200);
    expect(restored.runs.a.incident, 'no rollback').toBeNull();
  });

  it('says a data failure, and clears it when the page tries again', () => {
    const downloading = reduce(INITIAL_PAGE, { type: 'data-progress', loadedBytes: 5, totalBytes: 10 });
    const failed = reduce(downloading, { type: 'data-failed', message: 'MNIST file t10k-labels is corrupted' });
    expect(failed.worker).toMatchObject({ download: null, incident: { kind: 'data-failed', message: 'MNIST file t10k-labels is corrupted' } });
    expect(reduce(failed, { type: 'retrying-data' }).worker.incident).toBeNull();
  });

  it('says a silent worker, and clears only that when it answers again', () => {
    const silent = reduce(race, { type: 'worker-silent' });
    expect(silent.worker.incident).toEqual({ kind: 'worker-silent' });
    expect(reduce(silent, { type: 'worker-answering' }).worker.incident).toBeNull();
    const lost = reduce(race, { type: 'device-lost', reason: 'gone' });
    expect(reduce(lost, { type: 'worker-answering' }), 'nothing changes').toBe(lost);
  });

  it('keeps the runs when the worker crashes or is started again, as runs no worker holds', () => {
    const crashed = reduce(race, { type: 'worker-crashed', message: 'The training worker crashed: boom.' });
    expect(crashed.worker).toMatchObject({ error: 'The training worker crashed: boom.', phase: 'failed' });
    expect(crashed.runs.a).toMatchObject({ inWorker: false, state: 'paused', points: a.points });
    const again = reduce(crashed, { type: 'restart' });
    expect(again.worker).toEqual(INITIAL_PAGE.worker);
    expect(again.runOrder).toEqual(['a', 'b']);
  });

  it('takes the backend, the dataset and a run’s strip predictions as said', () => {
    const state = reduce(
      race,
      { type: 'backend', backend: 'cpu', adapter: 'CPU', webgpu: false, reason: { kind: 'chosen', choice: 'js' }, maxBufferElements: 1 << 20, memoryBudgetBytes: 1 << 30 },
      { type: 'data-ready', trainCount: 60_000, testCount: 10_000, samples: [{ index: 3, label: 7, image: new Uint8Array(784) }] },
      { type: 'sample-predictions', runId: 'b', step: 40, predictions: null },
    );
    expect(state.worker.backend).toEqual({ kind: 'cpu', adapter: 'CPU', reason: { kind: 'chosen', choice: 'js' }, maxBufferElements: 1 << 20, memoryBudgetBytes: 1 << 30 });
    expect(state.worker.dataset).toEqual({ trainCount: 60_000, testCount: 10_000 });
    expect(state.worker.samples.map((s) => s.index)).toEqual([3]);
    expect(state.runs.b.samplePredictions).toEqual({ step: 40, predictions: null });
  });

  it('keeps storage refusals, the form and the chart’s settings', () => {
    const draft = { ...draftFrom(APP_DEFAULT_CONFIG), lr: '0.5' };
    const state = reduce(INITIAL_PAGE, { type: 'storage', status: { ok: false, reason: 'private mode' } }, { type: 'draft', draft });
    expect(state).toMatchObject({ storage: { ok: false, reason: 'private mode' }, draft });
    expect(reduce(state, { type: 'chart', settings: { metric: 'test-loss' } }).chart).toMatchObject({ metric: 'test-loss', metricChosenByUser: true });
    expect(reduce(state, { type: 'chart', settings: { smoothing: 3 } }).chart.smoothing).toBe(0.99);
    expect(reduce(state, { type: 'chart', settings: { smoothing: NaN } }).chart.smoothing).toBe(0.6);
  });
});

describe('what the page derives', () => {
  it('acts on the selected run’s race: the runs that can take the command, or why none can', () => {
    expect(raceCommand(INITIAL_PAGE, 'pause')).toEqual({ runIds: [], reason: 'No run selected' });
    expect(raceCommand(race, 'pause')).toEqual({ runIds: ['a', 'b'], reason: null });
    expect(raceCommand(race, 'resume')).toEqual({ runIds: [], reason: 'The run is training' });
    const mixed = reduce(race, { type: 'run-state', runId: 'a', state: 'paused' }, { type: 'run-state', runId: 'b', state: 'finished' });
    expect(raceCommand(mixed, 'step')).toEqual({ runIds: ['a'], reason: null });
    const done = reduce(mixed, { type: 'run-state', runId: 'a', state: 'finished' });
    expect(raceCommand(done, 'resume').reason).toBe('The run has finished');
    const diverged = reduce(mixed, { type: 'diverged', runId: 'a', seen: 'NaN', step: 300, rollback: { step: 100, lr: 1e-4 } });
    expect(raceCommand(diverged, 'resume').reason).toBe('Diverged: roll back from its row');
    const other = reduce(race, { type: 'runs-added', runs: [requested('c', 'c', APP_DEFAULT_CONFIG, 2000)] });
    expect(raceCommand(other, 'pause').reason, 'c is not built yet, and alone in its race').toBe('The run is being built');
    const orphan = reduce(race, { type: 'restart' });
    expect(raceCommand(orphan, 'resume').reason).toBe('Its model was not kept: the run can only be viewed');
  });

  it('gives the same runs, and visible runs, while none of them changes', () => {
    const visible = visibleRunsSelector();
    const first = visible(race);
    expect(first.map((run) => run.id)).toEqual(['a', 'b']);
    expect(visible(reduce(race, { type: 'draft', draft: race.draft }))).toBe(first);
    expect(visible(reduce(race, { type: 'renamed', runId: 'a', name: 'x' }))).not.toBe(first);
    const hidden = reduce(race, { type: 'visibility', runId: 'a', visible: false });
    expect(visible(hidden).map((run) => run.id)).toEqual(['b']);
    const all = allRunsSelector();
    expect(all(hidden).map((run) => run.id)).toEqual(['a', 'b']);
    expect(all(reduce(hidden, { type: 'select', runId: 'b' }))).toBe(all(hidden));
  });

  it('shows test accuracy when the runs’ losses differ, unless the user chose', () => {
    const mse = reduce(race, { type: 'runs-added', runs: [requested('m', 'm', { ...APP_DEFAULT_CONFIG, loss: 'mse' }, 3000)] });
    const settings = chartSettingsSelector(visibleRunsSelector());
    expect(settings(race).metric).toBe('train-loss');
    expect(settings(mse).metric).toBe('test-accuracy');
    expect(settings(mse), 'the same object while unchanged').toBe(settings(mse));
    expect(settings(reduce(mse, { type: 'chart', settings: { metric: 'train-loss' } })).metric).toBe('train-loss');
  });

  it('gives the debug handle each run as the page shows it', () => {
    expect(selectedRun(race)?.id).toBe('a');
    const [first] = debugRuns(race);
    expect(first).toEqual({
      id: 'a',
      name: 'ReLU · cross-entropy · Adam 0.001 · 128 · batch 128',
      config: APP_DEFAULT_CONFIG,
      lrChanges: [],
      state: 'training',
      step: 300,
      epoch: 0,
      lastLoss: 0,
      epochs: [
        { epoch: 1, testAccuracy: 0.9, testLoss: 0.3 },
        { epoch: 2, testAccuracy: 0.9, testLoss: 0.3 },
      ],
      initialWeightsHash: 'c0ffee01',
      color: '#1f77b4',
      visible: true,
    });
  });
});

describe('the page store', () => {
  it('tells its listeners of each change, and of nothing that changes nothing', () => {
    const store = new PageStore();
    const listener = vi.fn();
    const unsubscribe = store.subscribe(listener);
    store.dispatch({ type: 'phase', phase: 'ready' });
    expect(store.get().worker.phase).toBe('ready');
    expect(listener).toHaveBeenCalledTimes(1);
    store.dispatch({ type: 'worker-answering' });
    store.dispatch({ type: 'progress', runId: 'nobody', points: [], step: 1, epoch: 0, samplesPerSec: 0, elapsedMs: 0 });
    expect(listener).toHaveBeenCalledTimes(1);
    unsubscribe();
    store.dispatch({ type: 'phase', phase: 'recovering' });
    expect(listener).toHaveBeenCalledTimes(1);
  });
});
