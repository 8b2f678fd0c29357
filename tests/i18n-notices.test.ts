// Notices and stored-run reasons as data worded when shown: a reason in both languages with its
// paths and values verbatim, notices already posted re-worded after a switch of language, and an
// imported run's name worded where it is shown (a record of schema 4 migrated to say the fact).
import { afterEach, describe, expect, it } from 'vitest';
import { configProblems, describeProblem } from '../gpu';
import { APP_DEFAULT_CONFIG } from '../app/config-form';
import { catalogueOf, messages, setLanguage } from '../app/i18n/messages';
import { said, SaidError } from '../app/i18n/said';
import { plainText, type Notice, type Parts } from '../app/i18n/wording';
import { shortNames } from '../app/components/short-names';
import { displayName, runName } from '../app/runs/naming';
import { INITIAL_PAGE, reducePage } from '../app/state/page-state';
import { reduceRun, requestedRun, type RunRecord } from '../app/state/run-record';
import { refusedBy, storedProblemText, Unusable, type StoredProblem } from '../app/state/stored-problem';
import { runFromStored, SCHEMA_VERSION, storedRun, validateStoredRun, type StoredRun } from '../app/state/stored-run';
import { settingsFromQuery } from '../app/state/url-state';
import { looksUntranslated } from '../e2e/untranslated';

const en = catalogueOf('en');
const zh = catalogueOf('zh');

afterEach(() => setLanguage('en'));

function builtRun(change: Partial<RunRecord> = {}): RunRecord {
  const run = requestedRun({ id: 'r-1', raceId: 'r-1', config: APP_DEFAULT_CONFIG, color: '#1f77b4', createdAt: 1_700_000_000_000 });
  const built = reduceRun(run, { type: 'run-created', runId: 'r-1', config: APP_DEFAULT_CONFIG, stepsPerEpoch: 469, trainCount: 60_000, step: 0, epoch: 0, initialWeightsHash: '9e3779b9', backend: 'cpu', adapter: 'CPU' });
  return { ...built, ...change };
}

const valid = storedRun(builtRun(), 1_700_000_100_000)!;
const withField = (field: string, value: unknown) => ({ ...structuredClone(valid), [field]: value });

/** Why `raw` is refused, as data. */
function problemOf(raw: unknown): StoredProblem {
  const result = validateStoredRun(raw);
  if (!(result instanceof Unusable)) throw new Error('expected a refusal');
  return result.problem;
}

/** The words a translator writes: every part but the verbatim ones. */
const translatedParts = (parts: Parts) => parts.filter((part) => typeof part === 'string').join('');
const verbatimParts = (parts: Parts) => parts.flatMap((part) => (typeof part === 'string' ? [] : [part.verbatim]));

describe('a stored run’s reason', () => {
  it('is data: a kind and the values it names', () => {
    expect(problemOf(withField('backend', 'cuda'))).toEqual({ kind: 'wrong-value', path: 'backend', value: { kind: 'as-stored', text: '"cuda"' }, expected: { oneOf: ['webgpu', 'wasm', 'cpu'] } });
    expect(problemOf({ title: 'groceries' })).toEqual({ kind: 'no-schema', value: { kind: 'as-stored', text: 'undefined' } });
    expect(problemOf(withField('schemaVersion', SCHEMA_VERSION + 1))).toEqual({ kind: 'newer-schema', version: SCHEMA_VERSION + 1, newest: SCHEMA_VERSION });
    expect(problemOf(withField('points', { 0: 1 }))).toEqual({ kind: 'wrong-value', path: 'points', value: { kind: 'object' }, expected: 'list' });
    expect(problemOf(withField('config', { ...APP_DEFAULT_CONFIG, lr: -1 }))).toEqual({ kind: 'bad-setting', path: 'config.lr', problem: { field: 'lr', kind: 'not-positive' } });
  });

  it.each([
    [withField('backend', 'cuda'), 'backend is "cuda", expected one of webgpu, wasm, cpu', 'backend 的值是 "cuda"，应为以下之一：webgpu, wasm, cpu', ['backend', '"cuda"', 'webgpu, wasm, cpu']],
    [{ title: 'groceries' }, 'it has no schema version (schemaVersion is undefined): not a gradlab run', '它没有数据格式版本（schemaVersion 为 undefined）：不是 gradlab 的运行', ['schemaVersion', 'undefined']],
    [withField('points', { 0: 1 }), 'points is an object, expected a list', 'points 的值是 一个对象，应为一个列表', ['points']],
    [withField('step', 2.5), 'step is 2.5, expected a whole number ≥ 0', 'step 的值是 2.5，应为一个 ≥ 0 的整数', ['step', '2.5']],
    [withField('config', { ...APP_DEFAULT_CONFIG, lr: -1 }), 'config.lr: learning rate must be a positive number', `config.lr：${describeProblem({ field: 'lr', kind: 'not-positive' }, zh.problems)}`, ['config.lr']],
  ])('is worded in each language, what it names kept verbatim (%#)', (raw, english, chinese, kept) => {
    const problem = problemOf(raw);
    expect(plainText(storedProblemText(problem, en))).toBe(english);
    const inChinese = storedProblemText(problem, zh);
    expect(plainText(inChinese)).toBe(chinese);
    expect(verbatimParts(inChinese)).toEqual(kept);
    expect(looksUntranslated(translatedParts(inChinese)), translatedParts(inChinese)).toBe(false);
  });
});

describe('notices', () => {
  const skipped: StoredProblem = { kind: 'wrong-value', path: 'raceId', value: { kind: 'as-stored', text: 'undefined' }, expected: 'name' };
  const words = (notices: readonly Notice[]) => notices.map((notice) => plainText(notice(messages())));

  it('posted in one language are worded in the language of the moment they are shown', () => {
    const state = reducePage(INITIAL_PAGE, { type: 'runs-loaded', runs: [], skipped: [{ key: 'broken', problem: skipped }] });
    expect(words(state.notices)).toEqual(['A stored run could not be read and was skipped (broken): raceId is undefined, expected a non-empty text. The other runs are here.']);
    setLanguage('zh');
    expect(words(state.notices)).toEqual(['一个已保存的运行无法读取，已跳过（broken）：raceId 的值是 undefined，应为非空的文本。其他运行都在这里。']);
    setLanguage('en');
    expect(words(state.notices)[0]).toMatch(/^A stored run could not be read/);
  });

  it('of the page’s link follow the language too, the refused setting’s reason included', () => {
    const { notices } = settingsFromQuery('?foo=1&epochs=0');
    expect(words(notices)).toEqual(['The link\'s parameter "foo" is not a setting; it is ignored.', 'epochs=0 is refused: epochs must be a whole number from 1 to 1000; using 3.']);
    setLanguage('zh');
    const chinese = words(notices);
    expect(chinese[0]).toBe('链接中的参数“foo”不是一项设置，已忽略。');
    expect(chinese[1]).toBe(`epochs=0 被拒绝：${describeProblem(configProblems({ ...APP_DEFAULT_CONFIG, epochs: 0 }).epochs!, zh.problems)}；改用 3。`);
  });

  it('keep a foreign error’s message as it came, word the rest, and word a described one whole', () => {
    const run = builtRun();
    const noticeOf = (error: unknown): Notice => (t) => t.status.modelCouldNotBeStored(displayName(run, t), storedProblemText(refusedBy(error), t));
    const foreign = noticeOf(new DOMException('QuotaExceededError', 'QuotaExceededError'));
    expect(plainText(foreign(zh))).toBe(`“${runName(APP_DEFAULT_CONFIG, zh)}”的模型无法保存：QuotaExceededError。`);
    expect(verbatimParts(foreign(zh) as Parts)).toEqual(['QuotaExceededError']);
    const described = noticeOf(new SaidError(said('worker', 'noModel', 'r-1')));
    expect(plainText(described(en))).toBe(`The model of “${runName(APP_DEFAULT_CONFIG, en)}” could not be stored: run r-1 has no model on the device.`);
    expect(plainText(described(zh))).toBe(`“${runName(APP_DEFAULT_CONFIG, zh)}”的模型无法保存：运行 r-1 在设备上没有模型。`);
  });
});

describe('an imported run', () => {
  const imported = builtRun({ origin: 'imported' });

  it('says so in the language it is shown in, and not once the user names it', () => {
    expect(displayName(imported, en)).toBe(`${runName(APP_DEFAULT_CONFIG, en)} (imported)`);
    expect(displayName(imported, zh)).toBe(`${runName(APP_DEFAULT_CONFIG, zh)}（导入）`);
    expect(shortNames([imported, builtRun({ config: { ...APP_DEFAULT_CONFIG, batchSize: 64 } })], zh)).toEqual(['批量 128（导入）', '批量 64']);
    expect(displayName({ ...imported, customName: 'mine' }, zh)).toBe('mine');
  });

  it('is stored with its origin, and read back with it', () => {
    const stored = storedRun(imported, 5)!;
    expect(stored.origin).toBe('imported');
    expect(runFromStored(validateStoredRun(structuredClone(stored)) as StoredRun, false).origin).toBe('imported');
    expect(problemOf({ ...structuredClone(stored), origin: 'pasted' })).toMatchObject({ path: 'origin', expected: { oneOf: ['new', 'imported'] } });
  });

  describe('of schema 4, when the name said it was imported', () => {
    const schema4 = (customName: string | null) => {
      const record: Record<string, unknown> = { ...structuredClone(valid), schemaVersion: 4, customName };
      delete record.origin;
      return record;
    };
    const read = (customName: string | null) => validateStoredRun(schema4(customName)) as StoredRun;

    it('is read as imported, its generated name in either language giving way to the one shown in the page’s', () => {
      for (const language of [en, zh]) {
        const migrated = read(language.runs.name.imported(runName(APP_DEFAULT_CONFIG, language)));
        expect(migrated).toMatchObject({ schemaVersion: SCHEMA_VERSION, origin: 'imported', customName: null });
        expect(displayName(migrated, zh)).toBe(`${runName(APP_DEFAULT_CONFIG, zh)}（导入）`);
        expect(displayName(migrated, en)).toBe(`${runName(APP_DEFAULT_CONFIG, en)} (imported)`);
      }
    });

    it('keeps a name the user wrote as written', () => {
      expect(read('my digits (imported)')).toMatchObject({ origin: 'imported', customName: 'my digits (imported)' });
      expect(read('fast one')).toMatchObject({ origin: 'new', customName: 'fast one' });
      expect(read(null)).toMatchObject({ origin: 'new', customName: null });
    });
  });
});
