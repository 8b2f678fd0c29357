// What the page calls runs, and the ids and colours it gives them.
import { describe, expect, it } from 'vitest';
import { ACTIVATION_NAMES, LOSS_NAMES, OPTIMIZER_NAMES, type TrainConfig } from '../gpu';
import { APP_DEFAULT_CONFIG } from '../app/config-form';
import { messages } from '../app/i18n/messages';
import { displayName, newRunId, nextColor, RUN_COLORS, runName } from '../app/runs/naming';

/** WCAG's contrast of a colour against white. */
function contrastOnWhite(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 1.05 / (0.2126 * r + 0.7152 * g + 0.0722 * b + 0.05);
}

describe('run names', () => {
  it('say the settings in the words of the dropdowns', () => {
    expect(runName(APP_DEFAULT_CONFIG)).toBe('ReLU · cross-entropy · Adam 0.001 · 128 · batch 128');
    const config: TrainConfig = { ...APP_DEFAULT_CONFIG, activation: 'leaky_relu', loss: 'mse', optimizer: 'momentum', lr: 0.05, hidden: [256, 128], batchSize: 64 };
    expect(runName(config)).toBe('Leaky ReLU · MSE · Momentum 0.05 · 256,128 · batch 64');
    expect(runName({ ...config, hidden: [] })).toContain(' · no hidden layer · ');
  });

  it('name the more settings only where they are not the defaults', () => {
    expect(runName({ ...APP_DEFAULT_CONFIG, activation: 'leaky_relu', activationAlpha: 0.01 }), 'the default slope').toBe('Leaky ReLU · cross-entropy · Adam 0.001 · 128 · batch 128');
    expect(runName({ ...APP_DEFAULT_CONFIG, activation: 'leaky_relu' }), 'a run from before the slope was settable').toBe('Leaky ReLU · cross-entropy · Adam 0.001 · 128 · batch 128');
    expect(runName({ ...APP_DEFAULT_CONFIG, activation: 'leaky_relu', activationAlpha: 0.2, normalize: 'unit' })).toBe(
      'Leaky ReLU (slope 0.2) · cross-entropy · Adam 0.001 · 128 · batch 128 · inputs [0, 1]',
    );
    expect(runName({ ...APP_DEFAULT_CONFIG, activation: 'elu', activationAlpha: 0.5, optimizer: 'momentum', momentum: 0.5, weightDecay: 1e-4, normalize: 'symmetric' })).toBe(
      'ELU (α 0.5) · cross-entropy · Momentum 0.001 · 128 · batch 128 · momentum 0.5 · weight decay 0.0001 · inputs [−1, 1]',
    );
    expect(runName({ ...APP_DEFAULT_CONFIG, momentum: 0.5, activationAlpha: 0.2 }), 'settings the run does not use').toBe(runName(APP_DEFAULT_CONFIG));
  });

  it('have a word for every activation, loss and optimizer, and tell them apart', () => {
    for (const labels of [messages().labels.activation, messages().labels.activationShort]) expect(Object.keys(labels).sort()).toEqual([...ACTIVATION_NAMES].sort());
    for (const labels of [messages().labels.loss, messages().labels.lossShort]) expect(Object.keys(labels).sort()).toEqual([...LOSS_NAMES].sort());
    for (const labels of [messages().labels.optimizer, messages().labels.optimizerShort]) expect(Object.keys(labels).sort()).toEqual([...OPTIMIZER_NAMES].sort());
    const names = ACTIVATION_NAMES.flatMap((activation) =>
      LOSS_NAMES.flatMap((loss) => OPTIMIZER_NAMES.map((optimizer) => runName({ ...APP_DEFAULT_CONFIG, activation, loss, optimizer }))),
    );
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).not.toMatch(/undefined/);
  });

  it('are the user’s when the user gave one', () => {
    expect(displayName({ customName: null, config: APP_DEFAULT_CONFIG, origin: 'new' })).toBe(runName(APP_DEFAULT_CONFIG));
    expect(displayName({ customName: 'my best, "really"', config: APP_DEFAULT_CONFIG, origin: 'imported' })).toBe('my best, "really"');
  });
});

describe('run ids', () => {
  it('carry the time in base 36 and a counter, unique even within one millisecond', () => {
    const now = Date.UTC(2025, 0, 2, 3, 4, 5);
    const ids = Array.from({ length: 1000 }, () => newRunId(now));
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) {
      const match = /^r-([0-9a-z]+)-([0-9a-z]+)$/.exec(id);
      expect(match, id).not.toBeNull();
      expect(parseInt(match![1], 36)).toBe(now);
    }
  });
});

describe('run colours', () => {
  it('are eight, distinct, each at least 3:1 against white', () => {
    expect(RUN_COLORS).toHaveLength(8);
    const rgb = RUN_COLORS.map((hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)));
    for (let i = 0; i < rgb.length; i++) {
      expect(contrastOnWhite(RUN_COLORS[i]), RUN_COLORS[i]).toBeGreaterThanOrEqual(3);
      for (let j = 0; j < i; j++) expect(Math.hypot(...rgb[i].map((c, k) => c - rgb[j][k])), `${RUN_COLORS[i]} vs ${RUN_COLORS[j]}`).toBeGreaterThan(60);
    }
  });

  it('go to new runs unused first, then the least used', () => {
    expect(nextColor([])).toBe(RUN_COLORS[0]);
    expect(nextColor([RUN_COLORS[0], RUN_COLORS[2], '#000000'])).toBe(RUN_COLORS[1]);
    const used: string[] = [];
    for (let i = 0; i < RUN_COLORS.length; i++) used.push(nextColor(used));
    expect(used).toEqual([...RUN_COLORS]);
    expect(nextColor([...RUN_COLORS, RUN_COLORS[0], RUN_COLORS[1]])).toBe(RUN_COLORS[2]);
  });
});
