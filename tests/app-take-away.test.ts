// Export weights and Import weights apart from the browser: when a run's model can be written and
// under which name, the settings an imported model trains on with, the models the page holds, and
// an imported model's way into the worker as a new run.
import { describe, expect, it } from 'vitest';
import { exportModel, importModel, type Checkpoint, type ImportedModel } from '../gpu';
import { APP_DEFAULT_CONFIG } from '../app/config-form';
import { accuracyAt, exportBlocker, importedConfig, weightsFileName } from '../app/components/runs/take-away';
import { INITIAL_PAGE, reducePage, type PageState } from '../app/state/page-state';
import { Playground } from '../app/state/playground';
import { requestedRun } from '../app/state/run-record';
import { WorkerLink } from '../app/state/worker-link';
import { FakeWorker } from './fake-worker';

const CONFIG = { ...APP_DEFAULT_CONFIG, hidden: [3] };

/** A 784-3-10 model's checkpoint, its weights all `value`. */
function checkpointOf(value: number, step = 40): Checkpoint {
  const sizes = [784 * 3, 3, 3 * 10, 10];
  return {
    config: CONFIG,
    step,
    epoch: 1,
    position: 0,
    optimizerSteps: step,
    randomState: 1,
    order: new Uint32Array(8),
    parameters: sizes.map((n) => new Float32Array(n).fill(value)),
    optimizerState: sizes.map((n) => new Float32Array(n)),
    finite: Number.isFinite(value),
    initialWeightsHash: 'ab12',
  };
}

describe('Export weights', () => {
  const run = { state: 'paused' as const, inWorker: true };
  it('says why a run cannot be exported, and lets a stopped one with a model be', () => {
    expect(exportBlocker(run, checkpointOf(0.1))).toBeNull();
    expect(exportBlocker({ ...run, state: 'training' }, checkpointOf(0.1))).toMatch(/^Pause it/);
    expect(exportBlocker(run, undefined)).toMatch(/not kept/);
    expect(exportBlocker({ ...run, state: 'failed' }, undefined)).toMatch(/GPU error/);
    expect(exportBlocker({ ...run, state: 'ready' }, undefined)).toMatch(/not trained yet/);
  });

  it('names the file after the run, without characters file systems refuse', () => {
    expect(weightsFileName('ReLU · cross-entropy · Adam 0.001 · 128 · batch 128')).toBe('ReLU · cross-entropy · Adam 0.001 · 128 · batch 128.safetensors');
    expect(weightsFileName('a/b:c*?')).toBe('a-b-c--.safetensors');
    expect(weightsFileName('  ')).toBe('gradlab-run.safetensors');
  });

  it("writes the accuracy measured at the model's step only", () => {
    const epochs = [{ epoch: 0, step: 40, testAccuracy: 0.9, testLoss: 0.3, seconds: 1 }];
    expect(accuracyAt({ epochs, confusion: null }, 40)).toBe(0.9);
    expect(accuracyAt({ epochs, confusion: { step: 45, counts: [], accuracy: 0.95 } }, 45)).toBe(0.95);
    expect(accuracyAt({ epochs, confusion: null }, 45)).toBeNull();
  });
});

describe('the settings of an imported model', () => {
  const base = { ...APP_DEFAULT_CONFIG, lr: 0.01, epochs: 5 };
  it("takes the file's settings first, then the user's choices, then the form's", () => {
    const model: Pick<ImportedModel, 'config' | 'hidden'> = { hidden: [64, 32], config: { hidden: [64, 32], lr: 0.003, optimizer: 'sgd' } };
    expect(importedConfig(model, base, { activation: 'tanh', normalize: 'unit' })).toEqual({ ...base, lr: 0.003, optimizer: 'sgd', activation: 'tanh', normalize: 'unit', hidden: [64, 32] });
  });

  it('keeps what a gradlab file says over a choice', () => {
    const model = importModel(exportModel(checkpointOf(0.01), 0.5));
    expect(model.missing).toEqual([]);
    expect(importedConfig(model, base, {})).toMatchObject({ hidden: [3], activation: 'relu', normalize: 'standard', epochs: 1 });
  });
});

describe('the models the page holds', () => {
  const withRun = (): PageState => reducePage(INITIAL_PAGE, { type: 'runs-added', runs: [requestedRun({ id: 'r-1', raceId: 'r-1', config: CONFIG, color: '#1f77b4', createdAt: 1 })] });

  it('keeps the latest weights of each run, parameters only, and lets them go with the run', () => {
    const checkpoint = checkpointOf(0.2);
    let state = reducePage(withRun(), { type: 'weights', runId: 'r-1', checkpoint });
    expect(state.models['r-1'].parameters).toBe(checkpoint.parameters);
    expect(state.models['r-1'].optimizerState).toEqual([]);
    expect(state.models['r-1'].order).toHaveLength(0);
    state = reducePage(state, { type: 'runs-removed', runIds: ['r-1'] });
    expect(state.models).toEqual({});
  });

  it('ignores weights of a run the page does not have', () => {
    const state = withRun();
    expect(reducePage(state, { type: 'weights', runId: 'r-gone', checkpoint: checkpointOf(0.2) })).toBe(state);
  });

  it('holds the comparison chosen next to the form', () => {
    expect(reducePage(INITIAL_PAGE, { type: 'compare', presetId: 'losses' }).compare).toBe('losses');
    expect(reducePage(INITIAL_PAGE, { type: 'compare', presetId: null })).toBe(INITIAL_PAGE);
  });
});


const settle = () => new Promise((resolve) => setImmediate(resolve));

async function startedWithData() {
  const worker = new FakeWorker();
  const playground = new Playground(new WorkerLink(worker.start, { baseUrl: '/', defaultLimits: false }), async () => ({ reason: 'no storage in this test' }));
  playground.start();
  await settle();
  worker.say({ type: 'data-ready', trainCount: 100, testCount: 10, samples: [] });
  return { worker, playground, state: () => playground.store.get() };
}

describe('an imported model becomes a run', () => {
  // Its rate went down once in the file's 40 steps.
  const lrChanges = [{ step: 20, from: 0.01, to: 0.001 }];
  const model = importModel(exportModel(checkpointOf(0.01), 0.5, { lrChanges }));
  const config = importedConfig(model, APP_DEFAULT_CONFIG, {});

  it('adopted by the worker from a fresh checkpoint, named as imported, evaluated, its model held for export', async () => {
    const { worker, playground, state } = await startedWithData();
    const importing = playground.importRun(model, config);
    const { runId, checkpoint } = worker.last('adopt');
    expect(checkpoint).toMatchObject({ step: 0, epoch: 0, config });
    // The file's own training (1 epoch, 40 steps, its change of rate) is counted in what the run exports later.
    expect(state().runs[runId]).toMatchObject({ customName: null, origin: 'imported', earlier: { epochs: 1, steps: 40, lrChanges } });
    expect(state().selectedRunId).toBe(runId);
    worker.say({ type: 'run-created', runId, config, stepsPerEpoch: 1, trainCount: 100, step: 0, epoch: 0, initialWeightsHash: checkpoint.initialWeightsHash, backend: 'cpu', adapter: 'CPU' });
    worker.reply('adopt');
    await settle();
    expect(worker.last('evaluate').runId).toBe(runId);
    worker.say({ type: 'confusion', runId, step: 0, counts: [], accuracy: 0.5 });
    worker.reply('evaluate');
    await expect(importing).resolves.toEqual({ runId, testAccuracy: 0.5 });
    expect(state().models[runId].parameters).toEqual(model.parameters);
  });

  it('leaves the page as it was when the worker refuses it', async () => {
    const { worker, playground, state } = await startedWithData();
    const before = state().runOrder;
    const importing = playground.importRun(model, config);
    worker.reply('adopt', 'the stored run cannot be taken back: no room');
    await expect(importing).rejects.toThrow('no room');
    expect(state().runOrder).toEqual(before);
    expect(state().models).toEqual({});
  });
});
