// The settings form and the training panel in each language: the same form, the same problems and
// reasons, in the reader's words; the numbers as they are.
import { describe, expect, it } from 'vitest';
import { catalogueOf } from '../app/i18n/messages';
import { mainFields, moreFields } from '../app/components/settings/field-specs';
import { goOnNote, trainBlocker } from '../app/components/settings/train-blocker';
import { phasePill } from '../app/components/training/TrainingView';
import { describeProblem, ENGLISH_PROBLEM_TEXT, validateConfig, DEFAULT_CONFIG } from '../gpu';
import { hasChinese, looksUntranslated } from '../e2e/untranslated';

const en = catalogueOf('en');
const zh = catalogueOf('zh');

describe('the settings form in Chinese', () => {
  it('names every field and says every range in Chinese, with the same fields in the same order', () => {
    for (const fields of [mainFields, moreFields]) {
      const [english, chinese] = [fields(en), fields(zh)];
      expect(chinese.map(({ field }) => field)).toEqual(english.map(({ field }) => field));
      for (const spec of chinese) {
        expect(looksUntranslated(spec.label), spec.label).toBe(false);
        if (spec.kind === 'text') expect(hasChinese(spec.hint) && !looksUntranslated(spec.hint), spec.hint).toBe(true);
      }
    }
    expect(mainFields(zh).find(({ field }) => field === 'lr')).toMatchObject({ label: '学习率', hint: '0.000001 到 100' });
    expect(mainFields(en).find(({ field }) => field === 'lr')).toMatchObject({ label: 'Learning rate', hint: '0.000001 to 100' });
  });

  it('says why Train cannot start, and what Resume and Step continue, in Chinese', () => {
    expect(trainBlocker('ready', true, false, zh)).toBe('请先修正标红的设置。');
    expect(trainBlocker('loading', false, true, zh)).toBe('正在加载 MNIST 数据…');
    expect(trainBlocker('ready', true, true, zh)).toBeNull();
    expect(goOnNote(false, 'ReLU · 交叉熵 · Adam 0.001', [zh.settings.resume, zh.settings.step], zh)).toBe('继续和单步会按 ReLU · 交叉熵 · Adam 0.001 自己的设置继续这个运行。');
  });

  it('shows the worker’s phase and the run’s state in Chinese', () => {
    expect(phasePill('loading', null, zh)).toEqual({ text: '加载中', kind: 'loading' });
    expect(phasePill('ready', null, zh)).toEqual({ text: '就绪', kind: 'ready' });
    expect(phasePill('ready', null, en)).toEqual({ text: 'Ready', kind: 'ready' });
  });
});

describe('a configuration’s problems', () => {
  it('are the engine’s own English on the English page, as the CLI says them', () => {
    expect(en.problems).toBe(ENGLISH_PROBLEM_TEXT);
    const config = { ...DEFAULT_CONFIG, lr: 0, batchSize: 1.5, hidden: [9000] };
    expect(validateConfig(config)).toEqual({
      lr: 'learning rate must be a positive number',
      batchSize: 'batch size must be a whole number from 1 to 8192',
      hidden: 'a hidden layer of 9000 units is larger than the limit of 8192',
    });
  });

  it('are said in Chinese from the same data', () => {
    expect(describeProblem({ field: 'optimizer', kind: 'unknown-choice', value: 'rmsprop', choices: ['sgd', 'momentum', 'adam'] }, zh.problems)).toBe(
      '未知的优化器“rmsprop”；请从 sgd、momentum、adam 中选择',
    );
    expect(describeProblem({ field: 'hidden', kind: 'too-many-layers', max: 8 }, zh.problems)).toBe('隐藏层最多 8 层');
    expect(
      describeProblem({ field: 'hidden', kind: 'over-memory-budget', layers: '784-4096-10', optimizer: 'adam', batchSize: 128, neededBytes: 2e9, budgetBytes: 5.37e8 }, zh.problems),
    ).toBe('784-4096-10 用 Adam、批大小 128 训练约需 2.0 GB 显存，超出了本设备 537 MB 的预算');
  });
});
