// Runs in IndexedDB: every record read back is checked whole, an old one migrated, a bad one
// skipped with its reason; writes are throttled while a run trains; a refused database is said.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Checkpoint } from '../gpu';
import { APP_DEFAULT_CONFIG } from '../app/config-form';
import type { RunId } from '../app/protocol';
import { checkpointBytes, MAX_WEIGHTS_BYTES, openGradlabDb, RunStorage } from '../app/state/persistence';
import { INSIDE_FIELDS, noInsides, reduceRun, requestedRun, type RunRecord } from '../app/state/run-record';
import { RunSaver, SAVE_INTERVAL_MS, saveDelay } from '../app/state/run-saver';
import type { PageAction } from '../app/state/page-state';
import { PageStore } from '../app/state/store';
import { migrate, MIGRATIONS, runFromStored, sameStoredFields, SCHEMA_VERSION, storedRun, validateStoredRun, validateStoredWeights, type StoredRun } from '../app/state/stored-run';
import { storedProblemText, Unusable } from '../app/state/stored-problem';
import { catalogueOf } from '../app/i18n/messages';
import { said as described, word, type Said } from '../app/i18n/said';
import { plainText } from '../app/i18n/wording';
import { confusionCounts, firstLayer, normStats, probeStats } from './inside-fixtures';

/** A refusal as the English page words it; anything else as it is. */
const said = (result: unknown) => (result instanceof Unusable ? plainText(storedProblemText(result.problem, catalogueOf('en'))) : result);

/** A run the worker built and trained a little, with a divergence on record. */
function trainedRun(id: RunId = 'r-1'): RunRecord {
  let run = requestedRun({ id, raceId: id, config: APP_DEFAULT_CONFIG, color: '#1f77b4', createdAt: 1_700_000_000_000 });
  run = reduceRun(run, { type: 'run-created', runId: id, config: APP_DEFAULT_CONFIG, stepsPerEpoch: 469, trainCount: 60_000, step: 0, epoch: 0, initialWeightsHash: '9e3779b9', backend: 'webgpu', adapter: 'SwiftShader' });
  run = reduceRun(run, { type: 'progress', runId: id, points: [{ step: 10, loss: 2, accuracy: 0.2, seconds: 1 }, { step: 20, loss: NaN, accuracy: 0.1, seconds: 2 }], step: 20, epoch: 0, samplesPerSec: 900, elapsedMs: 2000 });
  run = reduceRun(run, { type: 'lr-changes', runId: id, lr: 0.01, changes: [{ step: 15, from: APP_DEFAULT_CONFIG.lr, to: 0.01 }] });
  run = reduceRun(run, { type: 'epoch', runId: id, epoch: 1, step: 469, testAccuracy: 0.91, testLoss: 0.3, seconds: 40, confusion: confusionCounts() });
  return reduceRun(run, { type: 'diverged', runId: id, seen: 'the training loss became NaN', step: 20, rollback: { step: 10, lr: 1e-4 } });
}

const valid = storedRun(trainedRun(), 1_700_000_100_000)!;
/** `valid` with one field changed (undefined: without it). */
const changed = (field: string, value: unknown) => {
  const record = structuredClone(valid) as unknown as Record<string, unknown>;
  if (value === undefined) delete record[field];
  else record[field] = value;
  return record;
};

describe('a stored run', () => {
  it('keeps what the page showed, not what only the worker had, and reads back as it was', () => {
    expect(valid).toMatchObject({ schemaVersion: SCHEMA_VERSION, savedAt: 1_700_000_100_000, id: 'r-1', initialWeightsHash: '9e3779b9' });
    for (const transient of ['samplePredictions', 'inWorker', 'hasStoredWeights', ...INSIDE_FIELDS]) expect(valid).not.toHaveProperty(transient);
    const read = validateStoredRun(structuredClone(valid));
    expect(read).toEqual(valid);
    expect(runFromStored(read as StoredRun, true)).toEqual({ ...trainedRun(), inWorker: false, hasStoredWeights: true, samplePredictions: null, ...noInsides() });
  });

  it('keeps none of what the worker showed of the model’s insides, and a change of those alone is no reason to write', () => {
    const plain = trainedRun();
    let watched = reduceRun(plain, { type: 'norms', runId: 'r-1', stats: normStats(15) });
    watched = reduceRun(watched, { type: 'health', runId: 'r-1', stats: probeStats(15), weights: firstLayer(15) });
    expect(watched.norms).toHaveLength(1);
    expect(storedRun(watched, 1_700_000_100_000)).toEqual(valid);
    expect(sameStoredFields(plain, watched)).toBe(true);
    expect(sameStoredFields(plain, { ...watched, step: 21 })).toBe(false);
  });

  it('is not kept before the worker has built it', () => {
    expect(storedRun(requestedRun({ id: 'r-2', raceId: 'r-2', config: APP_DEFAULT_CONFIG, color: '#1f77b4', createdAt: 0 }), 0)).toBeNull();
  });

  it("keeps the activation's parameter, reads a run from before it without one, and refuses one that is out of range", () => {
    const leaky = changed('config', { ...APP_DEFAULT_CONFIG, activation: 'leaky_relu', activationAlpha: 0.2 });
    expect(validateStoredRun(leaky)).toMatchObject({ config: { activationAlpha: 0.2 } });
    expect(validateStoredRun(changed('config', { ...APP_DEFAULT_CONFIG, activation: 'leaky_relu' })), 'a run stored before it was settable').toMatchObject({ config: { activation: 'leaky_relu' } });
    expect(said(validateStoredRun(changed('config', { ...APP_DEFAULT_CONFIG, activation: 'elu', activationAlpha: 20 })))).toBe("config.activationAlpha: ELU's alpha must be a number from 0 to 10");
    expect(said(validateStoredRun(changed('config', { ...APP_DEFAULT_CONFIG, activationAlpha: 'steep' })))).toBe("config.activationAlpha: the activation's parameter must be a number, not steep");
  });

  it('keeps the backend a run trained on, WebAssembly included, and refuses one that is none', () => {
    for (const backend of ['webgpu', 'wasm', 'cpu']) expect(validateStoredRun(changed('backend', backend)), backend).toMatchObject({ backend });
    expect(said(validateStoredRun(changed('backend', 'cuda')))).toBe('backend is "cuda", expected one of webgpu, wasm, cpu');
  });

  it('is refused, with the field named, when any field is missing', () => {
    for (const field of Object.keys(valid)) {
      const reason = said(validateStoredRun(changed(field, undefined)));
      expect(typeof reason, field).toBe('string');
      expect(reason, field).toContain(field === 'schemaVersion' ? 'schema version' : field);
    }
  });

  it.each([
    ['not an object', null, 'it is null, not a run'],
    ['a number', 42, 'it is 42, not a run'],
    ['a list', [valid], 'it is a list, not a run'],
    ['a foreign record', { title: 'groceries', done: false }, 'it has no schema version (schemaVersion is undefined): not a gradlab run'],
    ['from a newer gradlab', changed('schemaVersion', SCHEMA_VERSION + 1), `it was written by a newer gradlab (schema ${SCHEMA_VERSION + 1}; this page reads up to ${SCHEMA_VERSION})`],
    ['from before the first schema', changed('schemaVersion', 0), 'schema 0 is not one this page can read'],
    ['an empty id', changed('id', ''), 'id is "", expected a non-empty text'],
    ['an unknown state', changed('state', 'running'), 'state is "running", expected one of ready, training, paused, finished, diverged, failed'],
    ['a colour that is not one', changed('color', 'red'), 'color is "red", expected a colour like #1f77b4'],
    ['a fractional step', changed('step', 2.5), 'step is 2.5, expected a whole number ≥ 0'],
    ['no steps an epoch', changed('stepsPerEpoch', 0), 'stepsPerEpoch is 0, expected a whole number ≥ 1'],
    ['a point of text', changed('points', [{ step: 10, loss: '2', accuracy: 0.2, seconds: 1 }]), 'points[0].loss is "2", expected a number'],
    ['epochs that are not a list', changed('epochs', { 0: 1 }), 'epochs is an object, expected a list'],
    ['an unknown incident', changed('incident', { kind: 'meteor' }), 'incident.kind is "meteor", expected one of diverged, rolled-back, gpu-error'],
    ['a divergence without its rollback', changed('incident', { kind: 'diverged', seen: 'NaN', step: 3 }), 'incident.rollback is undefined, expected an object'],
    ['a config of the wrong type', changed('config', { ...APP_DEFAULT_CONFIG, hidden: '128' }), 'config.hidden is "128", expected a list'],
    ['a config the engine refuses', changed('config', { ...APP_DEFAULT_CONFIG, lr: -1 }), 'config.lr: learning rate must be a positive number'],
    ['an unknown activation', changed('config', { ...APP_DEFAULT_CONFIG, activation: 'swish' }), 'config.activation: unknown activation "swish"'],
    ['a negative time', changed('elapsedMs', -5), 'elapsedMs is -5, expected a number ≥ 0'],
  ])('is refused when it is %s', (_, raw, reason) => {
    const result = said(validateStoredRun(raw));
    expect(typeof result).toBe('string');
    expect(result).toContain(reason);
  });

  it('keeps a NaN loss, the figure of a diverged step', () => {
    const read = validateStoredRun(structuredClone(valid)) as StoredRun;
    expect(read.points[1].loss).toBeNaN();
  });
});

describe('migrations', () => {
  /** What a schema before 1 might have looked like: no point grid yet (and no learning-rate changes, which came with 2). */
  const older = () => {
    const record = changed('pointGrid', undefined);
    delete record.lrChanges;
    record.schemaVersion = 0;
    return record;
  };

  it('bring an older record up to the current schema, each in turn', () => {
    const seen: number[] = [];
    const migrations = {
      ...MIGRATIONS,
      0: (record: Record<string, unknown>) => {
        seen.push(record.schemaVersion as number);
        return { ...record, pointGrid: 1 };
      },
    };
    expect(validateStoredRun(older(), migrations)).toEqual({ ...valid, lrChanges: [] });
    expect(seen).toEqual([0]);
    const twoSteps = migrate(older(), { ...migrations, 1: (record) => ({ ...record, renamed: record.customName }) }, 2);
    expect(twoSteps).toMatchObject({ schemaVersion: 2, pointGrid: 1, renamed: null });
  });

  it('read a record of schema 1, from before learning-rate changes were recorded, as one with none', () => {
    const schema1 = changed('lrChanges', undefined);
    schema1.schemaVersion = 1;
    expect(validateStoredRun(schema1)).toEqual({ ...valid, lrChanges: [] });
    expect(said(validateStoredRun(changed('lrChanges', [{ step: 3, from: 0.1, to: 'fast' }])))).toBe('lrChanges[0].to is "fast", expected a number ≥ 0');
  });

  it('read a record of schema 2, from before an imported model kept its earlier training, as one with none', () => {
    const schema2 = changed('earlier', undefined);
    schema2.schemaVersion = 2;
    expect(validateStoredRun(schema2)).toEqual(valid);
    expect(said(validateStoredRun(changed('earlier', { epochs: 1.5, steps: 3 })))).toBe('earlier.epochs is 1.5, expected a whole number ≥ 0');
  });

  it('read a record of schema 3, from before an imported model kept its learning-rate changes, as one with none', () => {
    const schema3 = changed('earlier', { epochs: 1, steps: 40 });
    schema3.schemaVersion = 3;
    expect(validateStoredRun(schema3)).toEqual({ ...valid, earlier: { epochs: 1, steps: 40, lrChanges: [] } });
    expect(said(validateStoredRun(changed('earlier', { epochs: 1, steps: 40, lrChanges: [{ step: 3, from: 0.1 }] })))).toBe('earlier.lrChanges[0].to is undefined, expected a number ≥ 0');
  });

  it('say which schema has no way up', () => {
    expect(said(migrate(older(), {}, 1))).toBe('schema 0 is not one this page can read');
    expect(said(migrate(older(), { 0: (record) => record }, 2))).toBe('schema 1 is not one this page can read');
  });

  it('leave a record of the current schema as it is', () => {
    expect(migrate(valid)).toEqual(valid);
  });
});

describe('stored weights', () => {
  const checkpoint = { config: APP_DEFAULT_CONFIG, order: new Uint32Array(100), parameters: [new Float32Array(10), new Float32Array(3)], optimizerState: [new Float32Array(20)] } as unknown as Checkpoint;

  it('are checked for what the page needs; the worker checks the rest', () => {
    expect(validateStoredWeights({ runId: 'r-1', savedAt: 5, checkpoint })).toEqual({ runId: 'r-1', savedAt: 5, checkpoint });
    expect(said(validateStoredWeights({ runId: 'r-1', savedAt: 5, checkpoint: { ...checkpoint, parameters: [[1, 2]] } }))).toBe('checkpoint.parameters[0] is a list, expected a Float32Array');
    expect(said(validateStoredWeights('weights'))).toBe('it is "weights", expected an object');
  });

  it('are measured in bytes, all arrays counted', () => {
    expect(checkpointBytes(checkpoint)).toBe(4 * (100 + 10 + 3 + 20));
    expect(MAX_WEIGHTS_BYTES).toBe(64 * 2 ** 20);
  });
});

describe('opening storage', () => {
  it('says why there is none, and throws nothing', async () => {
    expect(await RunStorage.open(() => Promise.reject(new DOMException('The user denied permission to access the database.', 'SecurityError')))).toEqual({
      reason: 'The user denied permission to access the database.',
    });
    expect(await RunStorage.open(() => Promise.reject(new DOMException('', 'QuotaExceededError')))).toEqual({ reason: 'QuotaExceededError' });
  });

  it('finds no IndexedDB outside a browser', async () => {
    await expect(openGradlabDb()).rejects.toThrow('this browser has no IndexedDB');
    // Described, and worded when shown: in the page's language of then.
    const opened = await RunStorage.open();
    expect(opened).toEqual({ reason: described('status', 'storage', 'noIndexedDb') });
    if (!('reason' in opened)) throw new Error('storage opened');
    expect(word(opened.reason, catalogueOf('en'))).toBe('this browser has no IndexedDB');
    expect(word(opened.reason, catalogueOf('zh'))).toBe(catalogueOf('zh').status.storage.noIndexedDb);
  });
});

describe('writing runs', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('is due at once for a run that is not training, else two seconds after its last write', () => {
    expect(saveDelay(false, 1000, 1500)).toBe(0);
    expect(saveDelay(true, undefined, 1500)).toBe(0);
    expect(saveDelay(true, 1000, 1500)).toBe(SAVE_INTERVAL_MS - 500);
    expect(saveDelay(true, 1000, 1000 + SAVE_INTERVAL_MS + 1)).toBe(0);
  });

  function saving() {
    vi.useFakeTimers({ now: 1_000_000 });
    const store = new PageStore();
    const saved: StoredRun[] = [];
    const deleted: RunId[] = [];
    const failures: Said[] = [];
    let refuse = false;
    const writer = {
      saveRun: async (run: StoredRun) => {
        if (refuse) throw new DOMException('Quota exceeded', 'QuotaExceededError');
        saved.push(run);
      },
      deleteRun: async (runId: RunId) => void deleted.push(runId),
    };
    const saver = new RunSaver(writer, store, (reason) => failures.push(reason));
    return { store, saver, saved, deleted, failures, refuseWrites: () => (refuse = true) };
  }

  const built = (runId: RunId): PageAction => ({ type: 'run-created', runId, config: APP_DEFAULT_CONFIG, stepsPerEpoch: 469, trainCount: 60_000, step: 0, epoch: 0, initialWeightsHash: 'ab', backend: 'cpu', adapter: 'CPU' });
  const progress = (runId: RunId, step: number): PageAction => ({ type: 'progress', runId, points: [{ step, loss: 1, accuracy: 0.5, seconds: step }], step, epoch: 0, samplesPerSec: 1, elapsedMs: step });

  it('writes a training run at most every two seconds, the latest of it, and a stopped one at once', async () => {
    const { store, saver, saved } = saving();
    saver.start();
    store.dispatch({ type: 'runs-added', runs: [requestedRun({ id: 'r-1', raceId: 'r-1', config: APP_DEFAULT_CONFIG, color: '#1f77b4', createdAt: 0 })] });
    expect(saved, 'not built yet: nothing to keep').toEqual([]);
    store.dispatch(built('r-1'));
    expect(saved.map((run) => run.state)).toEqual(['ready']);
    store.dispatch({ type: 'run-state', runId: 'r-1', state: 'training' });
    for (let step = 1; step <= 30; step++) {
      store.dispatch(progress('r-1', step));
      vi.advanceTimersByTime(100);
    }
    expect(saved.length, 'three seconds of progress: one write after the first two').toBe(2);
    expect(saved[1].step, 'the run as it was when written').toBe(20);
    store.dispatch({ type: 'run-state', runId: 'r-1', state: 'paused' });
    expect(saved.at(-1)).toMatchObject({ state: 'paused', step: 30 });
    vi.advanceTimersByTime(10 * SAVE_INTERVAL_MS);
    expect(saved, 'nothing more to write').toHaveLength(3);
    store.dispatch({ type: 'health', runId: 'r-1', stats: probeStats(30), weights: null });
    expect(saved, 'the insides are not stored').toHaveLength(3);
    saver.stop();
  });

  it('writes what waits when the page goes away', () => {
    const { store, saver, saved } = saving();
    saver.start();
    store.dispatch({ type: 'runs-added', runs: [requestedRun({ id: 'r-1', raceId: 'r-1', config: APP_DEFAULT_CONFIG, color: '#1f77b4', createdAt: 0 })] });
    store.dispatch(built('r-1'));
    store.dispatch({ type: 'run-state', runId: 'r-1', state: 'training' });
    store.dispatch(progress('r-1', 7));
    const before = saved.length;
    saver.flush();
    expect(saved.length).toBe(before + 1);
    expect(saved.at(-1)?.step).toBe(7);
    saver.stop();
  });

  it('deletes the record of a run that goes, and only of runs it has in storage', () => {
    const { store, saver, deleted } = saving();
    store.dispatch({ type: 'runs-loaded', runs: [runFromStored(valid, false)], skipped: [] });
    saver.start();
    store.dispatch({ type: 'runs-added', runs: [requestedRun({ id: 'r-9', raceId: 'r-9', config: APP_DEFAULT_CONFIG, color: '#1f77b4', createdAt: 0 })] });
    store.dispatch({ type: 'runs-removed', runIds: ['r-9', 'r-1'] });
    expect(deleted).toEqual(['r-1']);
    saver.stop();
  });

  it('says a write that failed', async () => {
    const { store, saver, failures, refuseWrites } = saving();
    saver.start();
    refuseWrites();
    store.dispatch({ type: 'runs-added', runs: [requestedRun({ id: 'r-1', raceId: 'r-1', config: APP_DEFAULT_CONFIG, color: '#1f77b4', createdAt: 0 })] });
    store.dispatch(built('r-1'));
    await vi.waitFor(() => expect(failures).toEqual(['Quota exceeded']));
    saver.stop();
  });
});
