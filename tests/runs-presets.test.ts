// The Compare presets: runs that differ from the form's settings in one thing only.
import { describe, expect, it } from 'vitest';
import { ACTIVATION_NAMES, validateConfig, type TrainConfig } from '../gpu';
import { APP_DEFAULT_CONFIG } from '../app/config-form';
import { runName } from '../app/runs/naming';
import { COMPARE_PRESETS, comparisonConfigs, isComparePreset, MAX_RACE_RUNS } from '../app/runs/presets';

const base: TrainConfig = { ...APP_DEFAULT_CONFIG, hidden: [64, 32], batchSize: 32, seed: 7, lr: 0.003, epochs: 2 };

/** The settings in which two configs differ. */
const differences = (a: TrainConfig, b: TrainConfig) => (Object.keys(a) as (keyof TrainConfig)[]).filter((key) => JSON.stringify(a[key]) !== JSON.stringify(b[key]));

describe('compare presets', () => {
  it('are the six of the issues, each a known id', () => {
    expect(COMPARE_PRESETS.map((p) => p.id)).toEqual(['activations', 'all-activations', 'losses', 'optimizers', 'learning-rates', 'deep-sigmoid-relu']);
    expect(COMPARE_PRESETS.map((p) => p.label)).toContain('Deep: Sigmoid vs ReLU');
    expect(COMPARE_PRESETS.map((p) => p.label)).toContain('Activations: ReLU, Leaky ReLU, Sigmoid, Tanh');
    for (const preset of COMPARE_PRESETS) expect(isComparePreset(preset.id)).toBe(true);
    expect(isComparePreset('everything')).toBe(false);
  });

  it('vary one setting each, keeping hidden sizes, batch size and seed (so runs start equal and see the same batches)', () => {
    const varied = { activations: 'activation', 'all-activations': 'activation', losses: 'loss', optimizers: 'optimizer', 'learning-rates': 'lr' } as const;
    for (const { id } of COMPARE_PRESETS) {
      if (id === 'deep-sigmoid-relu') continue;
      const configs = comparisonConfigs(id, base);
      expect(configs.length, id).toBeGreaterThanOrEqual(3);
      expect(configs.length, id).toBeLessThanOrEqual(MAX_RACE_RUNS);
      for (const config of configs) {
        expect(differences(base, config).filter((key) => key !== varied[id]), id).toEqual([]);
        expect(validateConfig(config), `${id}: ${runName(config)}`).toEqual({});
      }
      expect(new Set(configs.map((config) => config[varied[id]])).size, `${id}: all different`).toBe(configs.length);
    }
  });

  it('name the article’s four activations, and as many of all as a race holds', () => {
    expect(comparisonConfigs('activations', base).map((c) => c.activation)).toEqual(['relu', 'leaky_relu', 'sigmoid', 'tanh']);
    const all = comparisonConfigs('all-activations', base).map((c) => c.activation);
    expect(all).toHaveLength(Math.min(MAX_RACE_RUNS, ACTIVATION_NAMES.length));
    for (const name of all) expect(ACTIVATION_NAMES).toContain(name);
    expect(comparisonConfigs('losses', base).map((c) => c.loss)).toEqual(['cross-entropy', 'mse', 'bce']);
    expect(comparisonConfigs('optimizers', base).map((c) => c.optimizer)).toEqual(['sgd', 'momentum', 'adam']);
  });

  it('pit a deep sigmoid network against the same ReLU network, on their own hidden layers, all else as the form says', () => {
    const [sigmoid, relu] = comparisonConfigs('deep-sigmoid-relu', base);
    expect([sigmoid.activation, relu.activation]).toEqual(['sigmoid', 'relu']);
    for (const config of [sigmoid, relu]) {
      expect(config.hidden).toEqual([256, 128, 64, 32]);
      expect(differences(base, config).filter((key) => key !== 'activation')).toEqual(['hidden']);
      expect(validateConfig(config)).toEqual({});
    }
    expect(sigmoid.hidden).not.toBe(relu.hidden);
  });

  it("keep the form's activation parameter for its own activation only", () => {
    const leaky: TrainConfig = { ...base, activation: 'leaky_relu', activationAlpha: 0.2 };
    const race = comparisonConfigs('activations', leaky);
    expect(race.map((c) => [c.activation, c.activationAlpha])).toEqual([['relu', undefined], ['leaky_relu', 0.2], ['sigmoid', undefined], ['tanh', undefined]]);
    const elu = comparisonConfigs('all-activations', { ...base, activation: 'elu', activationAlpha: 3 });
    expect(elu.find((c) => c.activation === 'leaky_relu')!.activationAlpha, 'an ELU alpha of 3 is no slope').toBeUndefined();
    for (const config of [...race, ...elu]) expect(validateConfig(config)).toEqual({});
    for (const config of comparisonConfigs('losses', leaky)) expect(config.activationAlpha).toBe(0.2);
  });

  it('scale the learning rate by 0.1, 1 and 10, written as people write them', () => {
    expect(comparisonConfigs('learning-rates', { ...base, lr: 0.001 }).map((c) => c.lr)).toEqual([0.0001, 0.001, 0.01]);
    expect(comparisonConfigs('learning-rates', { ...base, lr: 0.003 }).map((c) => String(c.lr))).toEqual(['0.0003', '0.003', '0.03']);
    expect(comparisonConfigs('learning-rates', { ...base, lr: 0.7 }).map((c) => c.lr)).toEqual([0.07, 0.7, 7]);
  });

  it('give each run its own copy of the settings', () => {
    const [first, second] = comparisonConfigs('losses', base);
    expect(first.hidden).not.toBe(base.hidden);
    expect(first.hidden).not.toBe(second.hidden);
  });
});
