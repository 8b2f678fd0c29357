// What the worker says crosses postMessage (and IndexedDB) as a description, and the page words it
// in its language of the moment: each kind survives structuredClone, words as the catalogue's own
// message in English and in Chinese, and a run's failure stored before schema 6 stays as it was.
import { afterEach, describe, expect, it } from 'vitest';
import { BackendError } from '../gpu';
import { APP_DEFAULT_CONFIG } from '../app/config-form';
import { catalogueOf, setLanguage } from '../app/i18n/messages';
import { isSaid, said, saidOf, SaidError, word, type Said } from '../app/i18n/said';
import { reduceRun, requestedRun } from '../app/state/run-record';
import { RunStorage } from '../app/state/persistence';
import { SCHEMA_VERSION, storedRun, validateStoredRun, type StoredRun } from '../app/state/stored-run';
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
    for (const bad of [{ part: 'worker', key: 'noSuchMessage', args: [] }, { part: 'worker', key: 'lossReason', args: ['melted'] }, { part: 'worker', key: 'deleted' }, 7, null]) {
      expect(isSaid(bad), JSON.stringify(bad)).toBe(false);
    }
    expect(isSaid('a text kept as it is')).toBe(true);
    expect(() => word({ part: 'worker', key: 'noSuchMessage', args: [] }, en)).toThrow(/no message worker\.noSuchMessage/);
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
    expect(SCHEMA_VERSION).toBe(6);
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
