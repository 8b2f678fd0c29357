import { describe, expect, it } from 'vitest';
import { configProblems, DEFAULT_CONFIG, describeProblem, type TrainConfig } from '../gpu';
import { catalogueOf } from '../app/i18n/messages';
import { word, type Said } from '../app/i18n/said';
import { runName } from '../app/runs/naming';
import { looksUntranslated } from '../e2e/untranslated';
import {
  CHECKPOINT_INTERVAL_MS,
  MAX_LIVE_RUNS,
  NORMS_INTERVAL_MS,
  PROBE_INTERVAL_MS,
  PROBE_MAX_SHARE,
  adoptedState,
  cellIndices,
  checkpointDue,
  createRefusal,
  errorVictims,
  judgeCheckpoint,
  probeDue,
  reportDue,
  rollbackLearningRate,
  roomProblem,
  runsToPark,
  spreadIndices,
  topClasses,
  type Resident,
} from '../app/worker/policy';

describe('run policy', () => {
  it('takes a checkpoint in every new epoch and after the interval, not otherwise', () => {
    const at = (epoch: number, nowMs: number) => checkpointDue({ epoch, checkpointedEpoch: 2, nowMs, lastCheckpointMs: 1000 });
    expect(at(2, 1000 + CHECKPOINT_INTERVAL_MS - 1)).toBe(false);
    expect(at(2, 1000 + CHECKPOINT_INTERVAL_MS)).toBe(true);
    expect(at(3, 1001)).toBe(true);
  });

  it('trusts a checkpoint only when its weights are numbers and the losses look calm', () => {
    expect(judgeCheckpoint({ finite: true, calm: true, diverged: false })).toBe('good');
    expect(judgeCheckpoint({ finite: true, calm: false, diverged: false })).toBe('untrusted');
    expect(judgeCheckpoint({ finite: true, calm: true, diverged: true })).toBe('untrusted');
    expect(judgeCheckpoint({ finite: false, calm: true, diverged: false })).toBe('diverged');
  });

  it('rolls back with a tenth of the learning rate, as people write it', () => {
    expect(rollbackLearningRate(0.003)).toBe(0.0003);
    expect(rollbackLearningRate(50)).toBe(5);
    expect(rollbackLearningRate(1e-3)).toBe(1e-4);
  });

  it('reports at most once an interval unless forced', () => {
    expect(reportDue(1099, 1000, 100)).toBe(false);
    expect(reportDue(1100, 1000, 100)).toBe(true);
    expect(reportDue(1001, 1000, 100, true)).toBe(true);
  });

  it('spreads the strip over the test set, within it', () => {
    expect(spreadIndices(10_000, 16)).toEqual(Array.from({ length: 16 }, (_, i) => i * 625));
    expect(spreadIndices(5, 16)).toEqual([0, 1, 2, 3, 4]);
  });

  it('reads the top class of each row, or nothing when a value is not a number', () => {
    const rows = Float32Array.from([0.1, 0.7, 0.2, 0.5, 0.2, 0.3]);
    expect(topClasses(rows, 3)).toEqual([
      { predicted: 1, confidence: Float32Array.from([0.7])[0] },
      { predicted: 0, confidence: 0.5 },
    ]);
    expect(topClasses(Float32Array.from([0.1, NaN, 0.2]), 3)).toBeNull();
  });
});

describe('which runs stay on the device', () => {
  const room = { maxLive: 3, budgetBytes: 1000 };
  const resident = (id: string, lastUsedMs: number, pinned = false, bytes = 100): Resident => ({ id, bytes, lastUsedMs, pinned });

  it('parks nothing while the newcomers fit', () => {
    expect(runsToPark([resident('a', 1)], { count: 2, bytes: 200 }, room)).toEqual([]);
  });

  it('parks the least recently used stopped runs, no more than needed', () => {
    const runs = [resident('new', 30), resident('old', 10), resident('mid', 20)];
    expect(runsToPark(runs, { count: 1, bytes: 100 }, room)).toEqual(['old']);
    expect(runsToPark(runs, { count: 2, bytes: 200 }, room)).toEqual(['old', 'mid']);
  });

  it('never parks a pinned run, and says when even parking the rest is not enough', () => {
    const runs = [resident('training', 1, true), resident('stopped', 50), resident('also training', 2, true)];
    expect(runsToPark(runs, { count: 1, bytes: 100 }, room)).toEqual(['stopped']);
    expect(runsToPark(runs, { count: 2, bytes: 200 }, room)).toBeNull();
  });

  it('parks for memory as well as for the count', () => {
    const runs = [resident('big', 5, false, 700), resident('small', 1, false, 100)];
    // Both fit by count; by bytes, the small one's parking (the older) is not enough, the big one goes too.
    expect(runsToPark(runs, { count: 1, bytes: 400 }, room)).toEqual(['small', 'big']);
    expect(runsToPark([], { count: 1, bytes: 1001 }, room)).toBeNull();
  });

  it('says what does not fit, the count first, described for the page to word in its language', () => {
    expect(roomProblem(MAX_LIVE_RUNS, 1, { maxLive: MAX_LIVE_RUNS, budgetBytes: 10 })).toBeNull();
    const tooMany = roomProblem(MAX_LIVE_RUNS + 1, 1, { maxLive: MAX_LIVE_RUNS, budgetBytes: 10 })!;
    expect(inEnglish(tooMany)).toContain(`beyond the limit of ${MAX_LIVE_RUNS}`);
    expect(inChinese(tooMany)).toBe(zh.worker.tooManyModels(MAX_LIVE_RUNS + 1, MAX_LIVE_RUNS));
    const tooBig = roomProblem(2, 3e9, { maxLive: 8, budgetBytes: 2e9 })!;
    expect(inEnglish(tooBig)).toMatch(/the 2 models need about 3\.0 GB .*2\.0 GB/);
    expect(inChinese(tooBig)).toBe(zh.worker.tooBig(2, '3.0 GB', '2.0 GB'));
  });
});

const en = catalogueOf('en');
const zh = catalogueOf('zh');
/** A description after a trip through postMessage, worded as the page words it. */
const inEnglish = (said: Said) => word(structuredClone(said), en);
const inChinese = (said: Said) => word(structuredClone(said), zh);

describe('refusing runs before anything is built', () => {
  const UNLIMITED = { maxBufferElements: Infinity, memoryBudgetBytes: Infinity };
  const config = (changes: Partial<TrainConfig>): TrainConfig => ({ ...DEFAULT_CONFIG, ...changes });

  it('names a run as the page does, and its problems, described: worded in the language of each reading', () => {
    const refused = config({ hidden: [256, 64], activation: 'tanh', loss: 'mse', optimizer: 'sgd', lr: -1, batchSize: 32, epochs: 0 });
    const refusal = createRefusal([refused], UNLIMITED)!;
    expect(inEnglish(refusal)).toBe(
      'The run (Tanh · MSE · SGD -1 · 256,64 · batch 32) cannot be trained here: learning rate must be a positive number; epochs must be a whole number from 1 to 1000',
    );
    expect(inChinese(refusal)).toBe('该运行（Tanh · MSE · SGD -1 · 256,64 · 批量 32）无法在这里训练：学习率必须是正数；轮数必须是 1 到 1000 之间的整数');
    expect(looksUntranslated(inChinese(refusal))).toBe(false);
    // The run's name and each problem as the page words them in that language.
    for (const t of [en, zh]) {
      const problems = Object.values(configProblems(refused)).map((problem) => describeProblem(problem, t.problems));
      expect(word(structuredClone(refusal), t)).toBe(t.worker.cannotBeTrained(t.worker.theRun, runName(refused, t), problems.join(t.worker.problemSeparator)));
    }
  });

  it('accepts configurations that fit', () => {
    expect(createRefusal([config({}), config({ activation: 'sigmoid' })], UNLIMITED)).toBeNull();
  });

  it('names the first run that does not fit the device, which of how many, and the limit', () => {
    const capacity = { maxBufferElements: 200_000, memoryBudgetBytes: Infinity };
    const race = [config({}), config({ activation: 'tanh' }), config({ activation: 'sigmoid', hidden: [512] }), config({ hidden: [1024] })];
    const refusal = createRefusal(race, capacity)!;
    expect(inEnglish(refusal)).toMatch(/^Run 3 of 4 \(Sigmoid · cross-entropy · Adam 0\.001 · 512 · batch 128\)/);
    expect(inEnglish(refusal)).toContain('beyond this device\'s limit of 200000 per buffer');
    expect(inChinese(refusal)).toMatch(/^4 个运行中的第 3 个（Sigmoid · 交叉熵 · Adam 0\.001 · 512 · 批量 128）/);
    expect(inChinese(refusal)).toContain(describeProblem(configProblems(race[2], capacity).hidden!, zh.problems));
  });

  it('says "the run" when there is one, and every problem it has', () => {
    const refusal = inEnglish(createRefusal([config({ lr: -1, epochs: 0 })], UNLIMITED)!);
    expect(refusal).toMatch(/^The run \(/);
    expect(refusal).toContain('learning rate must be a positive number');
    expect(refusal).toContain('epochs must be');
  });
});

describe('runs taken back and runs ended', () => {
  it('holds a stored run paused while it has epochs left, else finished', () => {
    expect(adoptedState({ epoch: 0, config: { epochs: 3 } })).toBe('paused');
    expect(adoptedState({ epoch: 2, config: { epochs: 3 } })).toBe('paused');
    expect(adoptedState({ epoch: 3, config: { epochs: 3 } })).toBe('finished');
  });

  const runs = [
    { id: 'a', state: 'training' as const },
    { id: 'b', state: 'paused' as const },
    { id: 'c', state: 'training' as const },
    { id: 'd', state: 'failed' as const },
  ];

  it('ends only the run whose scopes caught the error', () => {
    expect(errorVictims(runs, 'c')).toEqual(['c']);
    expect(errorVictims(runs, 'b')).toEqual(['b']);
  });

  it('ends nobody for a run that is gone or already failed', () => {
    expect(errorVictims(runs, 'gone')).toEqual([]);
    expect(errorVictims(runs, 'd')).toEqual([]);
  });

  it('ends every training run, and only those, for an error no scope caught', () => {
    expect(errorVictims(runs, null)).toEqual(['a', 'c']);
    expect(errorVictims([{ id: 'b', state: 'paused' }], null)).toEqual([]);
  });
});

describe('worker policy: inside the network', () => {
  it('samples norms a few times a second and probes half as often', () => {
    expect(NORMS_INTERVAL_MS).toBeLessThanOrEqual(PROBE_INTERVAL_MS);
    expect(1000 / PROBE_INTERVAL_MS).toBeLessThanOrEqual(4);
  });

  it('probes every PROBE_INTERVAL_MS, or less often where a probe is slow, so that probing takes at most PROBE_MAX_SHARE of the time', () => {
    expect(probeDue({ nowMs: 1000, lastStartMs: -Infinity, lastDurationMs: 0 })).toBe(true);
    expect(probeDue({ nowMs: 1000 + PROBE_INTERVAL_MS - 1, lastStartMs: 1000, lastDurationMs: 5 })).toBe(false);
    expect(probeDue({ nowMs: 1000 + PROBE_INTERVAL_MS, lastStartMs: 1000, lastDurationMs: 5 })).toBe(true);
    const slow = 200;
    expect(probeDue({ nowMs: 1000 + PROBE_INTERVAL_MS, lastStartMs: 1000, lastDurationMs: slow })).toBe(false);
    expect(probeDue({ nowMs: 1000 + slow / PROBE_MAX_SHARE, lastStartMs: 1000, lastDurationMs: slow })).toBe(true);
  });

  it('finds a confusion cell’s test images: of the true class, taken for the predicted one, in test-set order', () => {
    const labels = [3, 3, 5, 3, 5, 3];
    const predicted = Uint32Array.from([3, 5, 5, 5, 3, 3]);
    expect(cellIndices(labels, predicted, 3, 5)).toEqual([1, 3]);
    expect(cellIndices(labels, predicted, 3, 3)).toEqual([0, 5]);
    expect(cellIndices(labels, predicted, 5, 3)).toEqual([4]);
    expect(cellIndices(labels, predicted, 7, 7)).toEqual([]);
  });
});
