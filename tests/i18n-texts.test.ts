// The chart's, the runs', the drawing pad's and the worker's words in each language: the text
// functions take the catalogue, a run's generated name follows the page's language (a name the
// user gave does not), and the worker speaks the language the page tells it.
import { afterEach, describe, expect, it } from 'vitest';
import { APP_DEFAULT_CONFIG } from '../app/config-form';
import { chartNotes } from '../app/components/chart/chart-notes';
import { formatX, yAxisTitle } from '../app/components/chart/chart-text';
import { readoutText } from '../app/components/chart/readout-cursor';
import { verdictOf } from '../app/components/drawing/predictions';
import { lrBlocker, parseLearningRate } from '../app/components/runs/lr-field';
import { runSizeText, runStateText, timeLeftText } from '../app/components/runs/run-figures';
import { exportBlocker } from '../app/components/runs/take-away';
import { shortNames } from '../app/components/short-names';
import { catalogueOf, setLanguage } from '../app/i18n/messages';
import type { ToWorker } from '../app/protocol';
import { displayName, runName } from '../app/runs/naming';
import { COMPARE_PRESETS } from '../app/runs/presets';
import { WorkerLink } from '../app/state/worker-link';
import { looksUntranslated } from '../e2e/untranslated';
import { Harness, config, stopHarnesses } from './worker-harness';

const en = catalogueOf('en');
const zh = catalogueOf('zh');

afterEach(() => setLanguage('en'));

describe('a run’s name', () => {
  it('is made from its settings in the language asked for', () => {
    expect(runName(APP_DEFAULT_CONFIG, en)).toBe('ReLU · cross-entropy · Adam 0.001 · 128 · batch 128');
    expect(runName(APP_DEFAULT_CONFIG, zh)).toBe('ReLU · 交叉熵 · Adam 0.001 · 128 · 批量 128');
    expect(runName({ ...APP_DEFAULT_CONFIG, hidden: [], optimizer: 'momentum', momentum: 0.5 }, zh)).toBe('ReLU · 交叉熵 · 动量 0.001 · 无隐藏层 · 批量 128 · 动量 0.5');
  });

  it('follows the page’s language when generated, and stays as the user wrote it when renamed', () => {
    const generated = { customName: null, config: APP_DEFAULT_CONFIG, origin: 'new' as const };
    const renamed = { customName: 'my best', config: APP_DEFAULT_CONFIG, origin: 'new' as const };
    setLanguage('zh');
    expect(displayName(generated)).toBe(runName(APP_DEFAULT_CONFIG, zh));
    expect(displayName(renamed)).toBe('my best');
    expect(shortNames([generated, { customName: null, config: { ...APP_DEFAULT_CONFIG, batchSize: 64 }, origin: 'new' as const }])).toEqual(['批量 128', '批量 64']);
    setLanguage('en');
    expect(displayName(generated)).toBe(runName(APP_DEFAULT_CONFIG, en));
  });
});

describe('the chart’s words', () => {
  it('name the axes and the readout in Chinese', () => {
    expect(yAxisTitle('train-loss', ['cross-entropy'], zh)).toBe('训练损失（交叉熵，单位：奈特）');
    expect(yAxisTitle('test-accuracy', ['mse'], zh)).toBe('测试准确率（%）');
    expect(formatX(1234.4, 'step', zh)).toBe('第 1,234 步');
    expect(formatX(12.34, 'seconds', zh)).toBe('12.3 秒');
    const series = { runId: 'a', name: 'ReLU', color: '#000', loss: 'cross-entropy' as const, points: [], raw: [], perEpoch: false, lrMarks: [] };
    expect(readoutText([series], 3, 'train-loss', 'step', zh)).toBe('第 3 步: ReLU 尚无数值');
  });

  it('say what the chance levels are, in each language, with the numbers kept', () => {
    const [ce, accuracy] = chartNotes(['cross-entropy'], zh);
    expect(ce).toContain('ln 10 ≈ 2.30');
    expect(ce).toContain('随机水平');
    expect(accuracy).toBe(zh.chart.accuracyNote);
    expect(chartNotes(['mse'], zh)[0]).toContain('0.09');
  });
});

describe('the runs’ words', () => {
  const run = { state: 'ready' as const, inWorker: true, initialWeightsHash: 'c0ffee01' };

  it('give states, blockers and sizes in Chinese', () => {
    expect(runStateText({ ...run, state: 'diverged' }, zh)).toBe('已发散');
    expect(runStateText({ ...run, initialWeightsHash: null }, zh)).toBe('正在构建模型…');
    expect(lrBlocker({ ...run, state: 'finished' }, zh)).toBe('该运行已完成');
    expect(exportBlocker({ ...run, state: 'training' }, undefined, zh)).toBe(zh.runs.exportBlocker.training);
    expect(runSizeText({ hidden: [128], optimizer: 'momentum', batchSize: 128 }, zh)).toMatch(/^784-128-10：101,770 个参数，约需 \d+ MB（带动量的 SGD）$/);
    const timed = { state: 'training' as const, step: 0, stepsPerEpoch: 10, trainCount: 100, samplesPerSec: 10, config: { epochs: 2, batchSize: 10 } };
    expect(timeLeftText(timed, zh)).toBe('本轮还剩 0:10，整个运行还剩 0:20');
    expect(parseLearningRate('0x10', zh)).toEqual({ error: '学习率应是 0.000001 到 100 之间的十进制数，例如 0.001 或 1e-4' });
    expect(verdictOf(undefined, false, zh)).toEqual({ digit: null, why: '它的模型没有保留' });
  });

  it('name the comparisons in the page’s language when they are shown', () => {
    expect(COMPARE_PRESETS[0].label).toBe(en.runs.preset.activations);
    setLanguage('zh');
    expect(COMPARE_PRESETS.map((preset) => preset.label)).toEqual(COMPARE_PRESETS.map((preset) => zh.runs.preset[preset.id]));
    expect(COMPARE_PRESETS.every((preset) => !looksUntranslated(preset.label))).toBe(true);
  });
});

describe('the worker’s language', () => {
  afterEach(stopHarnesses);

  it('is the page’s at the start and after every change, until the link is closed', () => {
    const sent: ToWorker[] = [];
    const link = new WorkerLink(() => ({ post: (message) => void sent.push(message), terminate: () => {} }), { baseUrl: '/', defaultLimits: false });
    setLanguage('zh');
    link.connect(() => {});
    expect(sent.find((message) => message.type === 'init')).toMatchObject({ language: 'zh' });
    setLanguage('en');
    expect(sent.at(-1)).toEqual({ type: 'language', language: 'en' });
    link.disconnect();
    const count = sent.length;
    setLanguage('zh');
    expect(sent.length).toBe(count);
  });

  it('is the language of what the worker says once it is told it', async () => {
    const h = await Harness.start();
    const [id] = await h.create([config({ epochs: 1 })], false);
    await expect(h.send({ type: 'rollback', runId: id })).rejects.toThrow('only a diverged run');
    setLanguage('zh');
    await expect(h.send({ type: 'rollback', runId: id })).rejects.toThrow(`只有已发散的运行，或之前回退过的运行，才能回退（运行 ${id} 的状态是“就绪”）`);
    await expect(h.send({ type: 'pause', runIds: [] })).rejects.toThrow('没有指定任何运行');
  });

  it('says why it trains where it does as data, which the page words in either language', async () => {
    const h = await Harness.start();
    h.controller.languageChanged('zh');
    expect(h.of('backend')).toHaveLength(1);
    expect(h.of('backend')[0].reason).toEqual({ kind: 'chosen', choice: 'js' });
  });
});
