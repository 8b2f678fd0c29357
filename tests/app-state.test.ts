// The page's state: what each message of the worker, and each thing the page does, makes of it.
import { describe, expect, it, vi } from 'vitest';
import { APP_DEFAULT_CONFIG } from '../app/config-form';
import { appendLosses, EMPTY_HISTORY } from '../app/loss-history';
import type { LossPoint } from '../app/protocol';
import { TrainerStore } from '../app/state/store';
import { INITIAL_STATE, reduceTrainerState, type TrainerAction, type TrainerState } from '../app/state/trainer-state';

const reduce = (state: TrainerState, ...actions: TrainerAction[]) => actions.reduce(reduceTrainerState, state);
const points = (...steps: number[]): LossPoint[] => steps.map((step) => ({ step, loss: 3 - step / 100 }));
const progress = (at: LossPoint[], step = at.at(-1)?.step ?? 0): TrainerAction => ({
  type: 'progress',
  points: at,
  step,
  epoch: 0,
  samplesPerSec: 1200,
  elapsedMs: 5000,
});
const epochResult = (epoch: number, step: number): TrainerAction => ({ type: 'epoch', epoch, step, testAccuracy: 0.9, testLoss: 0.3 });
const model: TrainerAction = { type: 'model', config: APP_DEFAULT_CONFIG, stepsPerEpoch: 100 };

/** A run 300 steps in, with losses every 10 steps and epochs ended at 100 and 200. */
const trained = reduce(
  INITIAL_STATE,
  model,
  { type: 'phase', phase: 'running' },
  progress(points(...Array.from({ length: 30 }, (_, i) => 10 * (i + 1)))),
  epochResult(0, 100),
  epochResult(1, 200),
);

describe('the page state', () => {
  it('takes progress: losses appended, the latest loss (NaN included) shown, the figures updated', () => {
    expect(trained.losses).toEqual(appendLosses(EMPTY_HISTORY, points(...Array.from({ length: 30 }, (_, i) => 10 * (i + 1)))));
    expect(trained).toMatchObject({ lastLoss: 0, step: 300, samplesPerSec: 1200, elapsedMs: 5000 });
    const diverging = reduce(trained, progress([{ step: 310, loss: NaN }]));
    expect(diverging.lastLoss).toBeNaN();
    expect(diverging.losses, 'a NaN is not drawn').toBe(trained.losses);
    expect(reduce(trained, progress([], 305)), 'no points: the last loss stays').toMatchObject({ lastLoss: 0, step: 305 });
  });

  it('starts a new history with a new model, with no incident or error left over', () => {
    const troubled = reduce(trained, { type: 'run-failed', message: 'out of memory' }, { type: 'error', message: 'a read-back failed' });
    const fresh = reduce(troubled, { ...model, stepsPerEpoch: 50 });
    expect(fresh).toMatchObject({ losses: EMPTY_HISTORY, lastLoss: null, epochs: [], step: 0, epoch: 0, incident: null, error: null });
    expect(fresh.model).toEqual({ config: APP_DEFAULT_CONFIG, stepsPerEpoch: 50 });
    expect(fresh.phase, 'the phase is the worker’s to say').toBe('errored');
  });

  it('goes back to a rollback’s checkpoint: later losses and epochs dropped, the new learning rate kept', () => {
    const config = { ...APP_DEFAULT_CONFIG, lr: APP_DEFAULT_CONFIG.lr / 10 };
    const diverged = reduce(trained, { type: 'diverged', seen: 'the training loss became NaN', step: 300, rollback: { step: 150, lr: config.lr } });
    expect(diverged.incident).toEqual({ kind: 'diverged', seen: 'the training loss became NaN', step: 300, rollback: { step: 150, lr: config.lr } });
    const restored = reduce(diverged, { type: 'restored', cause: 'rollback', step: 150, epoch: 1, config });
    expect(restored.losses).toEqual(appendLosses(EMPTY_HISTORY, points(...Array.from({ length: 15 }, (_, i) => 10 * (i + 1)))));
    expect(restored.epochs.map((e) => e.step)).toEqual([100]);
    expect(restored).toMatchObject({ step: 150, epoch: 1, model: { config, stepsPerEpoch: 100 } });
    expect(restored.incident).toEqual({ kind: 'rolled-back', step: 150, lr: config.lr });
  });

  it('says a device was lost, then where the run was restored', () => {
    const lost = reduce(trained, { type: 'device-lost', reason: 'the driver was reset' });
    expect(lost.incident).toEqual({ kind: 'device-lost', reason: 'the driver was reset', restoredStep: null });
    const restored = reduce(lost, { type: 'restored', cause: 'device-lost', step: 200, epoch: 2, config: APP_DEFAULT_CONFIG });
    expect(restored.incident).toEqual({ kind: 'device-lost', reason: 'the driver was reset', restoredStep: 200 });
    expect(restored.losses.points.at(-1)?.step).toBe(200);
    expect(restored.epochs.map((e) => e.step)).toEqual([100, 200]);
  });

  it('ends the run on a GPU error, saying what it was', () => {
    const failed = reduce(trained, { type: 'run-failed', message: 'GPU out of memory while building the model' });
    expect(failed.phase).toBe('errored');
    expect(failed.incident).toEqual({ kind: 'gpu-error', message: 'GPU out of memory while building the model' });
    expect(failed.losses, 'what was trained stays on the chart').toBe(trained.losses);
  });

  it('says a data failure, and clears it when the page tries again', () => {
    const downloading = reduce(INITIAL_STATE, { type: 'data-progress', loadedBytes: 5, totalBytes: 10 });
    const failed = reduce(downloading, { type: 'data-failed', message: 'MNIST file t10k-labels is corrupted' });
    expect(failed).toMatchObject({ download: null, incident: { kind: 'data-failed', message: 'MNIST file t10k-labels is corrupted' } });
    expect(reduce(failed, { type: 'retrying-data' }).incident).toBeNull();
  });

  it('says a silent worker, and clears only that when it answers again', () => {
    const silent = reduce(trained, { type: 'worker-silent' });
    expect(silent.incident).toEqual({ kind: 'worker-silent' });
    expect(reduce(silent, { type: 'worker-answering' }).incident).toBeNull();
    const lost = reduce(trained, { type: 'device-lost', reason: 'gone' });
    expect(reduce(lost, { type: 'worker-answering' }), 'nothing changes').toBe(lost);
  });

  it('keeps a failure nobody waits for, fails for good on a crash, and starts over on a restart', () => {
    expect(reduce(trained, { type: 'error', message: 'a read-back failed' })).toMatchObject({ error: 'a read-back failed', phase: 'running' });
    expect(reduce(trained, { type: 'worker-crashed', message: 'The training worker crashed: boom.' })).toMatchObject({
      error: 'The training worker crashed: boom.',
      phase: 'failed',
    });
    expect(reduce(trained, { type: 'restart' })).toBe(INITIAL_STATE);
  });

  it('takes the backend, the dataset and the strip’s predictions as said', () => {
    const state = reduce(
      INITIAL_STATE,
      { type: 'backend', backend: 'cpu', adapter: 'CPU', webgpu: false, reason: 'no adapter', maxBufferElements: 1 << 20, memoryBudgetBytes: 1 << 30 },
      { type: 'data-ready', trainCount: 60_000, testCount: 10_000, samples: [{ index: 3, label: 7, image: new Uint8Array(784) }] },
      { type: 'sample-predictions', step: 40, predictions: null },
    );
    expect(state.backend).toEqual({ kind: 'cpu', adapter: 'CPU', reason: 'no adapter', maxBufferElements: 1 << 20, memoryBudgetBytes: 1 << 30 });
    expect(state.dataset).toEqual({ trainCount: 60_000, testCount: 10_000 });
    expect(state.samples.map((s) => s.index)).toEqual([3]);
    expect(state.samplePredictions).toEqual({ step: 40, predictions: null });
  });
});

describe('the page store', () => {
  it('tells its listeners of each change, and of nothing that changes nothing', () => {
    const store = new TrainerStore();
    const listener = vi.fn();
    const unsubscribe = store.subscribe(listener);
    store.dispatch({ type: 'phase', phase: 'ready' });
    expect(store.get().phase).toBe('ready');
    expect(listener).toHaveBeenCalledTimes(1);
    store.dispatch({ type: 'worker-answering' });
    expect(listener).toHaveBeenCalledTimes(1);
    unsubscribe();
    store.dispatch({ type: 'phase', phase: 'running' });
    expect(listener).toHaveBeenCalledTimes(1);
  });
});
