// What the worker says crosses postMessage (and IndexedDB) as a description, and the page words it
// in its language of the moment: each kind survives structuredClone, words as the catalogue's own
// message in English and in Chinese, and a run's failure stored before schema 6 stays as it was.
import { afterEach, describe, expect, it } from 'vitest';
import { BackendError, configProblems, describeProblem, type ConfigProblem } from '../gpu';
import { APP_DEFAULT_CONFIG } from '../app/config-form';
import { catalogueOf, setLanguage } from '../app/i18n/messages';
import { isSaid, joined, problemSaid, said, saidOf, SaidError, word, type Said } from '../app/i18n/said';
import { runName, runNameSaid } from '../app/runs/naming';
import { reduceRun, requestedRun } from '../app/state/run-record';
import { RunStorage } from '../app/state/persistence';
import { SCHEMA_VERSION, storedRun, validateStoredRun, type StoredRun } from '../app/state/stored-run';
import { storedProblemText, Unusable } from '../app/state/stored-problem';
import { plainText } from '../app/i18n/wording';
import { failureSaid, lossSaid } from '../app/worker/transport';
import { Harness, config, stopHarnesses } from './worker-harness';

const en = catalogueOf('en');
const zh = catalogueOf('zh');
const LANGUAGES = [en, zh];

afterEach(async () => {
  setLanguage('en');
  await stopHarnesses();
});

/** `description` after a trip through postMessage, in the words of `t`. */
const across = (description: Said, t: typeof en) => word(structuredClone(description), t);

describe('a description of a message', () => {
  it('words every message of the catalogue that mentions nothing as the catalogue has it', () => {
    let checked = 0;
    for (const t of LANGUAGES) {
      for (const [part, messages] of Object.entries(t)) {
        for (const [key, message] of Object.entries(messages as Record<string, unknown>)) {
          const description = { part, key, args: [] };
          if (typeof message === 'string') {
            expect(isSaid(description), `${part}.${key}`).toBe(true);
            expect(across(description, t)).toBe(message);
            checked++;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('words a group’s message by the key it names, and nests descriptions', () => {
    const lost = said('worker', 'deviceLost', said('worker', 'explained', said('worker', 'lossReason', 'unknown'), 'a driver reset'));
    for (const t of LANGUAGES) expect(across(lost, t)).toBe(t.worker.deviceLost(t.worker.explained(t.worker.lossReason.unknown, 'a driver reset')));
    expect(across(said('status', 'storage', 'noIndexedDb'), zh)).toBe(zh.status.storage.noIndexedDb);
    expect(across(said('worker', 'runOf', 2, 3), zh)).toBe(zh.worker.runOf(2, 3));
  });

  it('is not one that no catalogue has, as storage may hold', () => {
    for (const bad of [{ part: 'worker', key: 'noSuchMessage', args: [] }, { part: 'worker', key: 'lossReason', args: ['melted'] }, { part: 'worker', key: 'deleted' }, { part: 'worker', key: 'lossBecame', args: [] }, 7, null]) {
      expect(isSaid(bad), JSON.stringify(bad)).toBe(false);
    }
    expect(isSaid('a text kept as it is')).toBe(true);
    expect(() => word({ part: 'worker', key: 'noSuchMessage', args: [] }, en)).toThrow(/no message worker\.noSuchMessage/);
  });

  it('words descriptions in a row, each in the language of the reading', () => {
    const list = joined([said('labels', 'lossShort', 'cross-entropy'), '128', said('runs', 'name', 'batch', 64)], said('problems', 'listSeparator'));
    expect(isSaid(list)).toBe(true);
    expect(across(list, en)).toBe('cross-entropy, 128, batch 64');
    expect(across(list, zh)).toBe([zh.labels.lossShort['cross-entropy'], '128', zh.runs.name.batch(64)].join(zh.problems.listSeparator));
    for (const bad of [{ join: [{ part: 'labels', key: 'lossShort', args: ['hinge'] }], by: ', ' }, { join: ['a'], by: 7 }, { join: 'a', by: ', ' }]) expect(isSaid(bad), JSON.stringify(bad)).toBe(false);
  });

  it('names a run as the page does, in each language, whatever its settings', () => {
    const configs = [
      APP_DEFAULT_CONFIG,
      { ...APP_DEFAULT_CONFIG, activation: 'leaky_relu' as const, activationAlpha: 0.2, optimizer: 'momentum' as const, momentum: 0.5, hidden: [], normalize: 'unit' as const },
      { ...APP_DEFAULT_CONFIG, activation: 'elu' as const, activationAlpha: 0.5, weightDecay: 0.0001, loss: 'bce' as const },
    ];
    for (const config of configs) for (const t of LANGUAGES) expect(across(runNameSaid(config), t)).toBe(runName(config, t));
    expect(across(runNameSaid(configs[1]), en)).toBe('Leaky ReLU (slope 0.2) · cross-entropy · Momentum 0.001 · no hidden layer · batch 128 · momentum 0.5 · inputs [0, 1]');
    expect(across(runNameSaid(configs[1]), zh)).not.toBe(across(runNameSaid(configs[1]), en));
  });

  it('words every kind of a setting’s problem as the page’s problems do', () => {
    const problems: ConfigProblem[] = [
      { field: 'optimizer', kind: 'unknown-choice', value: 'rmsprop', choices: ['sgd', 'momentum', 'adam'] },
      { field: 'lr', kind: 'not-positive' },
      { field: 'activationAlpha', kind: 'out-of-range', range: { min: 0, max: 1 }, whole: false, parameterOf: 'leaky_relu' },
      { field: 'epochs', kind: 'out-of-range', range: { min: 1, max: 1000 }, whole: true },
      { field: 'lr', kind: 'not-a-number', value: 'fast' },
      { field: 'lossEvery', kind: 'steps-below', min: 1 },
      { field: 'hidden', kind: 'not-layer-sizes', typed: true },
      { field: 'hidden', kind: 'not-layer-sizes', typed: false },
      { field: 'hidden', kind: 'too-many-layers', max: 8 },
      { field: 'hidden', kind: 'layer-too-large', units: 100_000, max: 65_536 },
      { field: 'hidden', kind: 'buffer-too-large', layer: 1, values: 401_408, limit: 200_000 },
      { field: 'hidden', kind: 'over-memory-budget', layers: '784-4096-10', optimizer: 'adam', batchSize: 128, neededBytes: 2e9, budgetBytes: 5.37e8 },
    ];
    for (const problem of problems) {
      for (const t of LANGUAGES) expect(across(problemSaid(problem), t), problem.kind).toBe(describeProblem(problem, t.problems));
      expect(across(problemSaid(problem), zh), problem.kind).not.toBe(across(problemSaid(problem), en));
    }
  });

  it('keeps a text from outside the catalogue as it came, in every language', () => {
    for (const t of LANGUAGES) expect(across(saidOf(new Error('anything else')), t)).toBe('anything else');
    expect(across(failureSaid(new Error('anything else')), zh)).toBe(zh.worker.failed('anything else'));
  });
});

describe('what the worker says, worded again after a switch', () => {
  it('a run a GPU error ended, and a lost device', async () => {
    setLanguage('zh');
    const h = await Harness.start();
    const [struck] = await h.create([config({ epochs: 50 })], true);
    h.controller.injectError('validation', struck);
    await h.untilState(struck, 'failed');
    const failure = h.posted.find((m) => m.type === 'run-failed')!;
    if (failure.type !== 'run-failed') throw new Error('no run-failed');
    h.backends[0].lose('a driver reset');
    await h.until('the move to a new device', () => h.of('phase').at(-1)?.phase === 'ready' && h.backends.length === 2);
    const loss = h.posted.find((m) => m.type === 'device-lost')!;
    if (loss.type !== 'device-lost') throw new Error('no device-lost');
    // Described, not worded: the page's language when it was said does not matter.
    expect(across(failure.message, en)).toMatch(/^The run was ended by a GPU error \(validation\): /);
    expect(across(failure.message, zh)).toMatch(/^该运行被一个 GPU 错误（校验错误）终止：/);
    for (const t of LANGUAGES) expect(across(loss.reason, t)).toBe(t.worker.explained(t.worker.lossReason.unknown, 'a driver reset'));
  });

  it('a refusal, as a command’s reply carries it', async () => {
    const h = await Harness.start();
    const [id] = await h.create([config()], false);
    const refusal = await h.send({ type: 'create', runs: [{ id, config: config() }], start: false }).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(SaidError);
    for (const t of LANGUAGES) expect(across(saidOf(refusal), t)).toBe(t.worker.alreadyARun(id));
    const stepped = await h.send({ type: 'step', runIds: [] }).catch(saidOf);
    for (const t of LANGUAGES) expect(across(stepped as Said, t)).toBe(t.worker.noRunsNamed);
  });

  it('an untrainable run and a learning rate out of range, as refused', async () => {
    setLanguage('zh');
    const h = await Harness.start();
    const untrainable = config({ lr: 1000, hidden: [32] });
    const refused = await h.send({ type: 'create', runs: [{ id: 'r-x', config: untrainable }], start: false }).catch(saidOf);
    const [lr] = Object.values(configProblems(untrainable)).map((problem) => problem);
    for (const t of LANGUAGES) expect(across(refused as Said, t)).toBe(t.worker.cannotBeTrained(t.worker.theRun, runName(untrainable, t), describeProblem(lr, t.problems)));
    expect(across(refused as Said, en)).toMatch(/^The run \(ReLU · cross-entropy · .* 1000 · 32 · batch \d+\) cannot be trained here: learning rate must be a number from/);

    const [id] = await h.create([config()], false);
    const badLr = await h.send({ type: 'set-lr', runId: id, lr: -1 }).catch(saidOf);
    for (const t of LANGUAGES) expect(across(badLr as Said, t)).toBe(describeProblem({ field: 'lr', kind: 'not-positive' }, t.problems));
    expect(across(badLr as Said, zh)).not.toBe(across(badLr as Said, en));
  });

  it('a GPU error and a lost device as the transport describes them', () => {
    const error = new BackendError('out-of-memory', '4096');
    for (const t of LANGUAGES) expect(across(failureSaid(error), t)).toBe(t.worker.endedByGpuError(t.worker.gpuErrorKind['out-of-memory'], '4096'));
    for (const t of LANGUAGES) expect(across(lossSaid({ reason: 'destroyed', message: 'gone' }), t)).toBe(t.worker.lossReason.destroyed);
    expect(across(failureSaid(error), en)).toBe('The run was ended by a GPU error (out of memory): 4096');
    expect(across(failureSaid(error), zh)).toBe('该运行被一个 GPU 错误（显存不足）终止：4096');
  });

  it('why runs will not outlive the tab', async () => {
    const opened = await RunStorage.open(() => Promise.reject(new SaidError(said('status', 'storage', 'noIndexedDb'))));
    if (!('reason' in opened)) throw new Error('storage opened');
    expect(across(opened.reason, en)).toBe('this browser has no IndexedDB');
    expect(across(opened.reason, zh)).toBe(zh.status.storage.noIndexedDb);
    expect(zh.status.storage.noIndexedDb).not.toBe(en.status.storage.noIndexedDb);
  });
});

describe('a failed run, stored', () => {
  const failedRun = (message: Said) => {
    const run = requestedRun({ id: 'r-1', raceId: 'r-1', config: APP_DEFAULT_CONFIG, color: '#1f77b4', createdAt: 1_700_000_000_000 });
    const built = reduceRun(run, { type: 'run-created', runId: 'r-1', config: APP_DEFAULT_CONFIG, stepsPerEpoch: 469, trainCount: 60_000, step: 0, epoch: 0, initialWeightsHash: '9e3779b9', backend: 'webgpu', adapter: 'SwiftShader' });
    return reduceRun(built, { type: 'run-failed', runId: 'r-1', message });
  };
  const failure = (stored: unknown) => {
    const incident = (validateStoredRun(stored) as StoredRun).incident;
    if (incident?.kind !== 'gpu-error') throw new Error(`not a failure: ${JSON.stringify(incident)}`);
    return incident.message;
  };

  it('keeps its description, worded in the language of each reading', () => {
    const record = storedRun(failedRun(failureSaid(new BackendError('validation', 'MapRead'))), 1)!;
    const read = failure(structuredClone(record));
    expect(word(read, en)).toBe('The run was ended by a GPU error (validation): MapRead');
    expect(word(read, zh)).toBe(zh.worker.endedByGpuError(zh.worker.gpuErrorKind.validation, 'MapRead'));
  });

  it('of schema 5, worded when it failed, stays shown as it was in every language', () => {
    expect(SCHEMA_VERSION).toBe(7);
    const schema5 = { ...structuredClone(storedRun(failedRun('x'), 1)!), schemaVersion: 5, incident: { kind: 'gpu-error', message: '该运行失败了：x' } };
    const read = failure(schema5);
    expect(read).toBe('该运行失败了：x');
    for (const t of LANGUAGES) expect(word(read, t)).toBe('该运行失败了：x');
  });

  it('is skipped, its reason named, when its description is no message of the catalogue', () => {
    const record = { ...structuredClone(storedRun(failedRun('x'), 1)!), incident: { kind: 'gpu-error', message: { part: 'worker', key: 'gone', args: [] } } };
    expect(validateStoredRun(record)).not.toHaveProperty('id');
  });
});

describe('a diverged run, stored', () => {
  const divergedRun = (seen: Said) => {
    const run = requestedRun({ id: 'r-1', raceId: 'r-1', config: APP_DEFAULT_CONFIG, color: '#1f77b4', createdAt: 1_700_000_000_000 });
    const built = reduceRun(run, { type: 'run-created', runId: 'r-1', config: APP_DEFAULT_CONFIG, stepsPerEpoch: 469, trainCount: 60_000, step: 0, epoch: 0, initialWeightsHash: '9e3779b9', backend: 'webgpu', adapter: 'SwiftShader' });
    return reduceRun(built, { type: 'diverged', runId: 'r-1', seen, step: 12, rollback: { step: 0, lr: 10 } });
  };
  const seenOf = (stored: unknown) => {
    const incident = (validateStoredRun(stored) as StoredRun).incident;
    if (incident?.kind !== 'diverged') throw new Error(`not a divergence: ${JSON.stringify(incident)}`);
    return incident.seen;
  };

  it('keeps what it showed as a description, worded in the language of each reading', () => {
    const read = seenOf(structuredClone(storedRun(divergedRun(said('worker', 'lossBecame', 'NaN')), 1)!));
    expect(word(read, en)).toBe('the training loss became NaN');
    expect(word(read, zh)).toBe(zh.worker.lossBecame('NaN'));
    expect(word(seenOf(structuredClone(storedRun(divergedRun(said('worker', 'weightsNotFinite')), 1)!)), zh)).toBe(zh.worker.weightsNotFinite);
  });

  it('of schema 6, worded when it diverged, stays shown as it was', () => {
    const schema6 = { ...structuredClone(storedRun(divergedRun('x'), 1)!), schemaVersion: 6, incident: { kind: 'diverged', seen: '训练损失变成了 NaN', step: 12, rollback: { step: 0, lr: 10 } } };
    const read = seenOf(schema6);
    for (const t of LANGUAGES) expect(word(read, t)).toBe('训练损失变成了 NaN');
  });

  it('is skipped, its reason named, when what it showed is no message of the catalogue', () => {
    const record = { ...structuredClone(storedRun(divergedRun('x'), 1)!), incident: { kind: 'diverged', seen: { part: 'worker', key: 'lossBecame', args: [] }, step: 12, rollback: { step: 0, lr: 10 } } };
    const why = validateStoredRun(record);
    expect(why).toBeInstanceOf(Unusable);
    expect(plainText(storedProblemText((why as Unusable).problem, en))).toContain('incident.seen');
  });
});
