// What the page does with its runs: new runs and races, race commands, and the runs' way through storage and back.
import { describe, expect, it } from 'vitest';
import type { Checkpoint } from '../gpu';
import { APP_DEFAULT_CONFIG } from '../app/config-form';
import type { RunId, ToWorker } from '../app/protocol';
import { RUN_COLORS, runName } from '../app/runs/naming';
import type { LoadedRuns, RunStore, SavedWeights } from '../app/state/persistence';
import { CELL_IMAGES, Playground } from '../app/state/playground';
import { storedRun } from '../app/state/stored-run';
import { Unusable } from '../app/state/stored-problem';
import { catalogueOf } from '../app/i18n/messages';
import { said } from '../app/i18n/said';
import { plainText, verbatim, type Notice } from '../app/i18n/wording';
import { reduceRun, requestedRun } from '../app/state/run-record';
import { WorkerLink } from '../app/state/worker-link';
import { FakeWorker } from './fake-worker';


const checkpoint = { config: APP_DEFAULT_CONFIG, order: new Uint32Array(4), parameters: [new Float32Array(2)], optimizerState: [] } as unknown as Checkpoint;

/** A stored run, 50 steps in, paused. */
function stored(id: RunId) {
  let run = requestedRun({ id, raceId: id, config: APP_DEFAULT_CONFIG, color: RUN_COLORS[3], createdAt: 5 });
  run = reduceRun(run, { type: 'run-created', runId: id, config: APP_DEFAULT_CONFIG, stepsPerEpoch: 100, trainCount: 12_800, step: 0, epoch: 0, initialWeightsHash: 'ab12', backend: 'cpu', adapter: 'CPU' });
  run = reduceRun(run, { type: 'run-state', runId: id, state: 'paused' });
  return storedRun({ ...run, step: 50 }, 6)!;
}

/** Storage in memory, with what was written. */
function memoryStore(loaded: Partial<LoadedRuns> = {}, weights = new Map<RunId, Checkpoint>()) {
  const log: string[] = [];
  const store: RunStore = {
    loadRuns: async () => ({ runs: [], withWeights: new Set(), skipped: [], ...loaded }),
    loadWeights: async (runId) => weights.get(runId) ?? new Unusable({ kind: 'no-weights' }),
    saveRun: async (run) => void log.push(`run ${run.id} ${run.state}`),
    saveWeights: async (runId): Promise<SavedWeights> => {
      log.push(`weights ${runId}`);
      return { stored: true, evicted: runId === 'r-old' ? [] : ['r-old'] };
    },
    deleteRun: async (runId) => void log.push(`delete ${runId}`),
  };
  return { store, log };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

async function started(storage: Awaited<ReturnType<typeof memoryStore>> | { reason: string } = memoryStore()) {
  const worker = new FakeWorker();
  const playground = new Playground(new WorkerLink(worker.start, { baseUrl: '/', defaultLimits: false }), async () => ('reason' in storage ? storage : storage.store));
  playground.start();
  await settle();
  return { worker, playground, state: () => playground.store.get() };
}

/** Trains a default run until the worker has built it and sent its weights; resolves to its id. */
async function trainedWithWeights(worker: FakeWorker, playground: Playground): Promise<RunId> {
  const train = playground.train(APP_DEFAULT_CONFIG);
  const id = worker.commands('create')[0].runs[0].id;
  worker.build();
  await train;
  worker.say({ type: 'weights', runId: id, checkpoint });
  await settle();
  return id;
}

describe('the playground', () => {
  it('builds nothing at startup: no run until Train', async () => {
    const { worker, state } = await started();
    worker.say({ type: 'data-ready', trainCount: 12_800, testCount: 1000, samples: [] });
    await settle();
    expect(worker.sent.map((m) => m.type)).toEqual(['init']);
    expect(state().runOrder).toEqual([]);
  });

  it('trains a new run: shown at once, selected, in its own colour, built by the worker', async () => {
    const { worker, playground, state } = await started();
    const train = playground.train(APP_DEFAULT_CONFIG);
    const [create] = worker.commands('create');
    expect(create).toMatchObject({ start: true, runs: [{ config: APP_DEFAULT_CONFIG }] });
    const id = create.runs[0].id;
    expect(state()).toMatchObject({ runOrder: [id], selectedRunId: id });
    expect(state().runs[id]).toMatchObject({ color: RUN_COLORS[0], raceId: id, inWorker: false });
    worker.build();
    await train;
    expect(state().runs[id]).toMatchObject({ inWorker: true, state: 'training' });
  });

  it('takes back a run the worker refused, with its reason', async () => {
    const { worker, playground, state } = await started();
    const train = playground.train({ ...APP_DEFAULT_CONFIG, hidden: [8192, 8192] });
    worker.reply('create', 'run 1 of 1 (ReLU · …): needs more memory than the device has');
    await expect(train).rejects.toThrow('needs more memory than the device has');
    expect(state().runOrder).toEqual([]);
    expect(state().selectedRunId).toBeNull();
  });

  it('trains a comparison as one race, each run its own colour, and acts on that race', async () => {
    const { worker, playground, state } = await started();
    const race = playground.trainComparison('activations', APP_DEFAULT_CONFIG);
    const [create] = worker.commands('create');
    expect(create.runs.map((run) => run.config.activation)).toEqual(['relu', 'leaky_relu', 'sigmoid', 'tanh']);
    worker.build();
    await race;
    const runs = state().runOrder.map((id) => state().runs[id]);
    expect(new Set(runs.map((run) => run.raceId))).toEqual(new Set([runs[0].id]));
    expect(runs.map((run) => run.color)).toEqual(RUN_COLORS.slice(0, 4));

    const pause = playground.pause();
    expect(worker.commands('pause').at(-1)?.runIds).toEqual(runs.map((run) => run.id));
    worker.reply('pause');
    await pause;
    for (const run of runs) worker.say({ type: 'run-state', runId: run.id, state: 'paused' });
    await expect(playground.pause()).rejects.toThrow('The run is paused');
    worker.say({ type: 'run-state', runId: runs[2].id, state: 'finished' });
    const step = playground.step();
    expect(worker.commands('step').at(-1)?.runIds).toEqual([runs[0].id, runs[1].id, runs[3].id]);
    worker.reply('step');
    await step;
  });

  it('rejects a race command when no run is selected, sending nothing', async () => {
    const { worker, playground } = await started();
    await expect(playground.resume()).rejects.toThrow('No run selected');
    expect(worker.sent.map((m) => m.type)).toEqual(['init']);
  });

  it('stores the weights the worker sends, and forgets those that made room', async () => {
    const { store, log } = memoryStore({ runs: [stored('r-old')], withWeights: new Set(['r-old']) });
    const { worker, playground, state } = await started({ store, log });
    expect(state().runs['r-old'].hasStoredWeights).toBe(true);
    const id = await trainedWithWeights(worker, playground);
    expect(log).toContain(`weights ${id}`);
    expect(state().runs[id].hasStoredWeights).toBe(true);
    expect(state().runs['r-old'].hasStoredWeights, 'evicted to make room').toBe(false);
    expect(log.filter((line) => line.startsWith(`run ${id}`)).length, 'its record was written too').toBeGreaterThan(0);
  });

  it('gives stored runs with weights back to the worker once it has the data, and says why one could not be', async () => {
    const weights = new Map<RunId, Checkpoint>([['r-1', checkpoint]]);
    const { store, log } = memoryStore({ runs: [stored('r-1'), stored('r-2'), stored('r-3')], withWeights: new Set(['r-1', 'r-2']) }, weights);
    const { worker, state } = await started({ store, log });
    expect(state().runOrder).toEqual(['r-1', 'r-2', 'r-3']);
    worker.say({ type: 'data-ready', trainCount: 12_800, testCount: 1000, samples: [] });
    await settle();
    expect(worker.commands('adopt').map((c) => [c.runId, c.checkpoint])).toEqual([['r-1', checkpoint]]);
    worker.say({ type: 'run-created', runId: 'r-1', config: APP_DEFAULT_CONFIG, stepsPerEpoch: 100, trainCount: 12_800, step: 40, epoch: 0, initialWeightsHash: 'ab12', backend: 'cpu', adapter: 'CPU' });
    worker.reply('adopt');
    await settle();
    expect(state().runs['r-1']).toMatchObject({ inWorker: true, state: 'paused', step: 40 });
    expect(state().runs['r-2'].inWorker).toBe(false);
    expect(state().notices.map((notice) => plainText(notice(catalogueOf('en'))))).toEqual([`The stored model of “ReLU · cross-entropy · Adam 0.001 · 128 · batch 128” could not be used: no weights are stored for it. The run can still be viewed.`]);
    expect(worker.commands('adopt'), 'a run without weights is only viewed').toHaveLength(1);
  });

  describe('a stored model it could not use or store, said again in the language of the moment', () => {
    const name = { en: 'ReLU · cross-entropy · Adam 0.001 · 128 · batch 128', zh: runName(APP_DEFAULT_CONFIG, catalogueOf('zh')) };
    const noticesIn = (notices: readonly Notice[], language: 'en' | 'zh') => notices.map((notice) => plainText(notice(catalogueOf(language))));

    it('the worker’s refusal, worded anew; what the engine said in it kept', async () => {
      const { store, log } = memoryStore({ runs: [stored('r-1')], withWeights: new Set(['r-1']) }, new Map([['r-1', checkpoint]]));
      const { worker, state } = await started({ store, log });
      worker.say({ type: 'data-ready', trainCount: 12_800, testCount: 1000, samples: [] });
      await settle();
      worker.reply('adopt', said('worker', 'explained', said('worker', 'cannotTakeBack', 'r-1'), 'order has 4 samples, but the training set has 12800'));
      await settle();
      expect(noticesIn(state().notices, 'en')).toEqual([
        `The stored model of “${name.en}” could not be used: the stored run r-1 cannot be taken back: order has 4 samples, but the training set has 12800. The run can still be viewed.`,
      ]);
      expect(noticesIn(state().notices, 'zh')).toEqual([`“${name.zh}”已保存的模型无法使用：已保存的运行 r-1 无法恢复：order has 4 samples, but the training set has 12800。该运行仍然可以查看。`]);
    });

    it('a foreign error (IndexedDB’s) verbatim, the rest worded', async () => {
      const { store, log } = memoryStore({ runs: [stored('r-1')], withWeights: new Set(['r-1']) });
      store.loadWeights = () => Promise.reject(new DOMException('The transaction was aborted.', 'AbortError'));
      const { worker, playground, state } = await started({ store, log });
      worker.say({ type: 'data-ready', trainCount: 12_800, testCount: 1000, samples: [] });
      await settle();
      const [unusable] = state().notices;
      expect(unusable(catalogueOf('zh'))).toEqual([`“${name.zh}”已保存的模型无法使用：`, verbatim('The transaction was aborted.'), '。该运行仍然可以查看。']);

      store.saveWeights = () => Promise.reject(new DOMException('Quota exceeded', 'QuotaExceededError'));
      await trainedWithWeights(worker, playground);
      const notStored = state().notices.at(-1)!;
      expect(plainText(notStored(catalogueOf('en')))).toBe(`The model of “${name.en}” could not be stored: Quota exceeded.`);
      expect(notStored(catalogueOf('zh'))).toEqual([`“${name.zh}”的模型无法保存：`, verbatim('Quota exceeded'), '。']);
    });
  });

  it('says storage was refused, and works on', async () => {
    const { worker, playground, state } = await started({ reason: 'The operation is insecure.' });
    expect(state().storage).toEqual({ ok: false, reason: 'The operation is insecure.' });
    const train = playground.train(APP_DEFAULT_CONFIG);
    worker.build();
    await train;
    expect(state().runOrder).toHaveLength(1);
  });

  it('deletes a run from the worker, then from the page and storage', async () => {
    const { store, log } = memoryStore();
    const { worker, playground, state } = await started({ store, log });
    const train = playground.train(APP_DEFAULT_CONFIG);
    const id = worker.commands('create')[0].runs[0].id;
    worker.build();
    await train;
    const deleting = playground.deleteRun(id);
    expect(worker.commands('delete').at(-1)?.runId).toBe(id);
    expect(state().runOrder, 'until the worker has let it go').toEqual([id]);
    worker.reply('delete');
    await deleting;
    expect(state().runOrder).toEqual([]);
    expect(log.at(-1)).toBe(`delete ${id}`);
  });

  it('asks the visible runs the worker holds about a drawing, and nobody when there are none', async () => {
    const { worker, playground } = await started();
    expect(await playground.predict(new Float32Array(784))).toEqual([]);
    const race = playground.trainComparison('losses', APP_DEFAULT_CONFIG);
    const ids = worker.commands('create')[0].runs.map((run) => run.id);
    worker.build();
    await race;
    playground.setVisible(ids[1], false);
    const prediction = playground.predict(new Float32Array(784));
    const ask = worker.sent.at(-1) as Extract<ToWorker, { type: 'predict' }>;
    expect(ask.runIds).toEqual([ids[0], ids[2]]);
    const probabilities = new Float32Array(10).fill(0.1);
    worker.say({ type: 'predictions', id: ask.id, results: [{ runId: ids[0], probabilities }, { runId: ids[2], probabilities: null }] });
    expect(await prediction).toEqual([{ runId: ids[0], probabilities }, { runId: ids[2], probabilities: null }]);
  });

  it('fills the form with a run’s settings', async () => {
    const { store, log } = memoryStore({ runs: [{ ...stored('r-1'), config: { ...APP_DEFAULT_CONFIG, activation: 'tanh', lr: 0.02 } }] });
    const { playground, state } = await started({ store, log });
    playground.loadSettings('r-1');
    expect(state().draft).toMatchObject({ activation: 'tanh', lr: '0.02' });
  });

  it('tells the worker which runs to watch while “Inside the network” is open: the visible ones it holds and the selected one', async () => {
    const { worker, playground } = await started();
    const race = playground.trainComparison('losses', APP_DEFAULT_CONFIG);
    const ids = worker.commands('create')[0].runs.map((run) => run.id);
    worker.build();
    await race;
    expect(worker.commands('watch'), 'folded: nothing watched, nothing said').toEqual([]);
    playground.setInsideOpen(true);
    expect(worker.commands('watch').map((c) => c.runIds)).toEqual([ids]);
    worker.say({ type: 'progress', runId: ids[0], points: [], step: 5, epoch: 0, samplesPerSec: 1, elapsedMs: 1 });
    expect(worker.commands('watch'), 'said once per change').toHaveLength(1);
    playground.setVisible(ids[1], false);
    playground.setVisible(ids[0], false);
    expect(worker.commands('watch').at(-1)?.runIds, 'the selected run stays watched').toEqual([ids[0], ids[2]]);
    playground.setInsideOpen(false);
    expect(worker.commands('watch').at(-1)?.runIds).toEqual([]);
    // A new worker watches nothing: once it holds the runs again, it is told.
    playground.setInsideOpen(true);
    playground.startAgain();
    const before = worker.commands('watch').length;
    worker.say({ type: 'run-created', runId: ids[2], config: APP_DEFAULT_CONFIG, stepsPerEpoch: 100, trainCount: 12_800, step: 0, epoch: 0, initialWeightsHash: 'ab12', backend: 'cpu', adapter: 'CPU' });
    expect(worker.commands('watch').slice(before).map((c) => c.runIds)).toEqual([[ids[2]]]);
  });

  it('asks the worker about a model’s insides and gives its answers, or its reasons', async () => {
    const { worker, playground } = await started();
    const last = <T extends ToWorker['type']>(type: T) => worker.sent.filter((m) => m.type === type).at(-1) as Extract<ToWorker, { type: T }>;
    const curve = { xs: [0], f: [0], df: [1] };
    const tanh = playground.activationCurve('tanh');
    expect(playground.activationCurve('tanh'), 'asked once').toBe(tanh);
    worker.say({ type: 'activation-curve', id: last('activation-curve').id, curve, error: null });
    expect(await tanh).toEqual(curve);
    const relu = playground.activationCurve('relu');
    worker.say({ type: 'activation-curve', id: last('activation-curve').id, curve: null, error: 'the worker has no backend' });
    await expect(relu).rejects.toThrow('the worker has no backend');
    expect(playground.activationCurve('relu'), 'a failure is asked again').not.toBe(relu);
    worker.say({ type: 'backend', backend: 'cpu', adapter: 'CPU', webgpu: false, maxBufferElements: 1e8, memoryBudgetBytes: 1e9 });
    expect(playground.activationCurve('tanh'), 'a new backend draws anew').not.toBe(tanh);
    const leaky = playground.activationCurve('leaky_relu', 0.2);
    expect(last('activation-curve'), "the run's own parameter is asked for").toMatchObject({ activation: 'leaky_relu', alpha: 0.2 });
    expect(playground.activationCurve('leaky_relu', 0.01), 'another slope is another curve').not.toBe(leaky);

    const inspection = playground.inspect('r-1', { testIndex: 4 }, null);
    expect(last('inspect')).toMatchObject({ runId: 'r-1', input: { testIndex: 4 }, target: null });
    worker.say({ type: 'inspection', id: last('inspect').id, result: null, error: 'there is no run r-1 in the worker' });
    await expect(inspection).rejects.toThrow('there is no run r-1');

    const cell = playground.confusionCell('r-1', 3, 5);
    expect(last('confusion-cell')).toMatchObject({ runId: 'r-1', actual: 3, predicted: 5, limit: CELL_IMAGES });
    worker.say({ type: 'cell-images', id: last('confusion-cell').id, total: 7, images: [], error: null });
    expect(await cell).toEqual({ total: 7, images: [] });

    const evaluation = playground.evaluate('r-1');
    expect(worker.commands('evaluate').at(-1)?.runId).toBe('r-1');
    worker.reply('evaluate');
    await evaluation;
  });

  it('keeps the lens’s input and target', async () => {
    const { playground, state } = await started();
    const pixels = new Float32Array(784);
    playground.setLensInput({ kind: 'pad', pixels });
    playground.setLensTarget(4);
    expect(state().lens).toEqual({ input: { kind: 'pad', pixels }, target: 4 });
    playground.setLensInput({ kind: 'test', index: 12 });
    expect(state().lens).toEqual({ input: { kind: 'test', index: 12 }, target: 4 });
  });
});
