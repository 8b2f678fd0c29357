// The settings in the page's address: a link gives back the form it was copied from, keeps the
// page's own switches, and names every parameter it could not take while the rest still apply.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { APP_DEFAULT_CONFIG, draftFrom, type ConfigDraft } from '../app/config-form';
import { COMPARE_PRESETS } from '../app/runs/presets';
import { queryWithSettings, settingsFromQuery } from '../app/state/url-state';
import { ACTIVATION_NAMES } from '../gpu/ops/activation';
import { OPTIMIZER_NAMES } from '../gpu/optim/optimizers';
import { LOSS_NAMES } from '../gpu/train/config';

const DEFAULTS = draftFrom(APP_DEFAULT_CONFIG);

describe('settings from a link', () => {
  it('takes the flags of npm run train, and trains with the defaults for the rest', () => {
    const { draft, compare, notices } = settingsFromQuery('?activation=tanh&loss=mse&optimizer=sgd&lr=0.05&batch=64&hidden=256,128&epochs=2&seed=7&compare=losses');
    expect(draft).toEqual({ activation: 'tanh', loss: 'mse', optimizer: 'sgd', lr: '0.05', batchSize: '64', hidden: '256,128', epochs: '2', seed: '7' });
    expect(compare).toBe('losses');
    expect(notices).toEqual([]);
  });

  it('gives the defaults for an address without settings', () => {
    expect(settingsFromQuery('')).toEqual({ draft: DEFAULTS, compare: null, notices: [] });
    expect(settingsFromQuery('?debug&limits=default')).toEqual({ draft: DEFAULTS, compare: null, notices: [] });
  });

  it('names a value that is not a number, and that field alone falls back to its default', () => {
    const { draft, notices } = settingsFromQuery('?lr=abc&batch=32');
    expect(notices).toEqual(['lr=abc is not a number; using 0.001.']);
    expect(draft).toEqual({ ...DEFAULTS, batchSize: '32' });
  });

  it('names a value the settings refuse, with the reason', () => {
    const { draft, notices } = settingsFromQuery('?activation=swish&hidden=0&epochs=0&seed=-1&optimizer=adam');
    expect(draft).toEqual(DEFAULTS);
    expect(notices).toEqual([
      expect.stringMatching(/^activation=swish is refused: unknown activation "swish"; choose one of .*; using relu\.$/),
      expect.stringMatching(/^hidden=0 is refused: hidden layers must be positive whole numbers.*; using 128\.$/),
      'epochs=0 is refused: epochs must be a whole number from 1 to 1000; using 3.',
      'seed=-1 is refused: seed must be a whole number from 0 to 4294967295; using 1.',
    ]);
  });

  it('names an unknown parameter, an unknown comparison and a normalisation the page does not train with', () => {
    const { draft, compare, notices } = settingsFromQuery('?foo=1&compare=everything&normalize=unit&lr=0.01');
    expect(draft).toEqual({ ...DEFAULTS, lr: '0.01' });
    expect(compare).toBeNull();
    expect(notices).toEqual([
      'The link\'s parameter "foo" is not a setting; it is ignored.',
      `compare=everything is not a comparison; choose one of ${COMPARE_PRESETS.map((p) => p.id).join(', ')}. No comparison is chosen.`,
      'normalize=unit: the page trains with standard normalisation only; using standard.',
    ]);
    expect(settingsFromQuery('?normalize=standard').notices, 'the scaling it trains with').toEqual([]);
  });

  it('reads an empty value as not a number, and a percent-encoded one as written', () => {
    expect(settingsFromQuery('?lr=').notices).toEqual(['lr= is not a number; using 0.001.']);
    expect(settingsFromQuery('?hidden=64%2C32&lr=1e-4').draft).toMatchObject({ hidden: '64,32', lr: '1e-4' });
    expect(settingsFromQuery('?lr=%E0%A4%A').notices, 'a broken escape is text, not an exception').toEqual(['lr=%E0%A4%A is not a number; using 0.001.']);
  });
});

describe('a link from the settings', () => {
  it('writes every setting with the flags of npm run train, layers with plain commas', () => {
    const draft: ConfigDraft = { ...DEFAULTS, hidden: '256,128', lr: '0.01' };
    expect(queryWithSettings('', draft, 'optimizers')).toBe('?activation=relu&loss=cross-entropy&optimizer=adam&lr=0.01&batch=128&hidden=256,128&epochs=3&seed=1&compare=optimizers');
  });

  it("keeps the page's own parameters as written, first, and replaces the settings it had", () => {
    expect(queryWithSettings('?debug&lr=5&limits=default&compare=losses', DEFAULTS, null)).toBe(
      '?debug&limits=default&activation=relu&loss=cross-entropy&optimizer=adam&lr=0.001&batch=128&hidden=128&epochs=3&seed=1',
    );
  });

  it('encodes what the form holds, whatever was typed', () => {
    const query = queryWithSettings('', { ...DEFAULTS, lr: '1 & 2=3', seed: '#4?' }, null);
    expect(query).toContain('lr=1%20%26%202%3D3');
    expect(settingsFromQuery(query).notices).toEqual(['lr=1 & 2=3 is not a number; using 0.001.', 'seed=#4? is not a number; using 1.']);
  });

  it('gives back the settings it was made from, for any valid form', () => {
    const draftArb = fc.record({
      activation: fc.constantFrom(...ACTIVATION_NAMES),
      loss: fc.constantFrom(...LOSS_NAMES),
      optimizer: fc.constantFrom(...OPTIMIZER_NAMES),
      lr: fc.double({ min: 1e-6, max: 100, noNaN: true }).map(String),
      batchSize: fc.integer({ min: 1, max: 512 }).map(String),
      hidden: fc.array(fc.integer({ min: 1, max: 300 }), { maxLength: 4 }).map((sizes) => sizes.join(',')),
      epochs: fc.integer({ min: 1, max: 1000 }).map(String),
      seed: fc.integer({ min: 0, max: 0xffffffff }).map(String),
    });
    const compareArb = fc.option(fc.constantFrom(...COMPARE_PRESETS.map((p) => p.id)), { nil: null });
    fc.assert(
      fc.property(draftArb, compareArb, fc.constantFrom('', '?debug', '?limits=default&debug'), (draft, compare, search) => {
        const back = settingsFromQuery(queryWithSettings(search, draft, compare));
        expect(back).toEqual({ draft, compare, notices: [] });
      }),
    );
  });
});
