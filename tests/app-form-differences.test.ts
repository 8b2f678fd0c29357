// The form describes the next run: each setting in which it differs from the selected run is
// marked with the run's value, and only those.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { APP_DEFAULT_CONFIG, configFromDraft, draftFrom, fieldApplies, type ConfigDraft, type DraftField } from '../app/config-form';
import { formDifferences } from '../app/runs/form-differences';
import { ACTIVATION_NAMES, LOSS_NAMES, NORMALIZATIONS, OPTIMIZER_NAMES, activationAlphaOf, hasActivationParameter, type NormalizationName, type TrainConfig } from '../gpu';

const config: fc.Arbitrary<TrainConfig> = fc
  .record({
    activation: fc.constantFrom(...ACTIVATION_NAMES),
    loss: fc.constantFrom(...LOSS_NAMES),
    optimizer: fc.constantFrom(...OPTIMIZER_NAMES),
    lr: fc.constantFrom(0.001, 0.01, 0.1),
    batchSize: fc.constantFrom(32, 128),
    hidden: fc.constantFrom([128], [256, 128], []).map((sizes) => [...sizes]),
    epochs: fc.constantFrom(1, 3),
    seed: fc.constantFrom(1, 2),
    normalize: fc.constantFrom(...(Object.keys(NORMALIZATIONS) as NormalizationName[])),
    momentum: fc.constantFrom(0.9, 0.5),
    weightDecay: fc.constantFrom(0, 0.001),
    alpha: fc.option(fc.constantFrom(0.2, 0.5), { nil: undefined }),
  })
  .map(({ alpha, ...fields }) => ({ ...APP_DEFAULT_CONFIG, ...fields, ...(alpha !== undefined && hasActivationParameter(fields.activation) ? { activationAlpha: alpha } : {}) }));

/** What a run trains with: the settings its optimizer and activation use, in one order. */
const used = (c: TrainConfig) => ({ ...APP_DEFAULT_CONFIG, ...c, momentum: c.optimizer === 'momentum' ? c.momentum : null, activationAlpha: activationAlphaOf(c) ?? null });

describe('the form against the selected run', () => {
  it('marks nothing when the form holds the run’s own settings, however they are written', () => {
    fc.assert(
      fc.property(config, (run) => {
        expect(formDifferences(draftFrom(run), run)).toEqual({});
      }),
    );
    const run: TrainConfig = { ...APP_DEFAULT_CONFIG, lr: 0.001, hidden: [256, 128] };
    expect(formDifferences({ ...draftFrom(run), lr: '0.0010', hidden: ' 256, 128' }, run)).toEqual({});
  });

  it('marks exactly the settings that would train otherwise, each with the run’s value in the form’s words', () => {
    fc.assert(
      fc.property(config, config, (form, run) => {
        const draft = draftFrom(form);
        const marked = formDifferences(draft, run);
        const { config: next } = configFromDraft(draft);
        const runDraft = draftFrom(run);
        for (const field of Object.keys(draft) as DraftField[]) {
          const both = fieldApplies(field, draft) && fieldApplies(field, runDraft);
          expect(field in marked, field).toBe(both && draft[field] !== runDraft[field]);
        }
        // Nothing is marked exactly when the form would train the run again.
        expect(Object.keys(marked).length === 0).toBe(JSON.stringify(used(next)) === JSON.stringify(used(run)));
      }),
    );
  });

  it('says the run’s value as the form says it', () => {
    const run: TrainConfig = { ...APP_DEFAULT_CONFIG, optimizer: 'sgd', normalize: 'unit', hidden: [], activation: 'leaky_relu', activationAlpha: 0.2 };
    const draft: ConfigDraft = { ...draftFrom(APP_DEFAULT_CONFIG), activation: 'leaky_relu', leakySlope: '0.01' };
    expect(formDifferences(draft, run)).toEqual({ optimizer: 'SGD', normalize: '[0, 1]', hidden: 'no hidden layer', leakySlope: '0.2' });
  });

  it('compares momentum and the activation’s parameter only where both use them', () => {
    const run: TrainConfig = { ...APP_DEFAULT_CONFIG, optimizer: 'adam', momentum: 0.5, activation: 'relu' };
    const draft: ConfigDraft = { ...draftFrom(APP_DEFAULT_CONFIG), optimizer: 'momentum', momentum: '0.9', activation: 'elu', eluAlpha: '2' };
    expect(formDifferences(draft, run)).toEqual({ optimizer: 'Adam', activation: 'ReLU' });
  });
});
