// The settings in the page's address: a link gives back the form it was copied from, keeps the
// page's own switches, and names every parameter it could not take while the rest still apply.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { APP_DEFAULT_CONFIG, draftFrom, fieldApplies, type ConfigDraft } from '../app/config-form';
import { COMPARE_PRESETS } from '../app/runs/presets';
import { queryWithSettings, settingsFromQuery } from '../app/state/url-state';
import { ACTIVATION_NAMES } from '../gpu/ops/activation';
import { OPTIMIZER_NAMES } from '../gpu/optim/optimizers';
import { LOSS_NAMES, NORMALIZATIONS, RANGES } from '../gpu/train/config';
import { catalogueOf } from '../app/i18n/messages';
import { plainText } from '../app/i18n/wording';

const DEFAULTS = draftFrom(APP_DEFAULT_CONFIG);

/** The settings of a link, its notices as the English page words them. */
function wordedFromQuery(search: string) {
  const settings = settingsFromQuery(search);
  return { ...settings, notices: settings.notices.map((notice) => plainText(notice(catalogueOf('en')))) };
}

describe('settings from a link', () => {
  it('takes the flags of npm run train, and trains with the defaults for the rest', () => {
    const { draft, compare, notices } = wordedFromQuery('?activation=tanh&loss=mse&optimizer=sgd&lr=0.05&batch=64&hidden=256,128&epochs=2&seed=7&compare=losses');
    expect(draft).toEqual({ ...DEFAULTS, activation: 'tanh', loss: 'mse', optimizer: 'sgd', lr: '0.05', batchSize: '64', hidden: '256,128', epochs: '2', seed: '7' });
    expect(compare).toBe('losses');
    expect(notices).toEqual([]);
  });

  it('gives the defaults for an address without settings', () => {
    expect(wordedFromQuery('')).toEqual({ draft: DEFAULTS, compare: null, notices: [] });
    expect(wordedFromQuery('?debug&limits=default')).toEqual({ draft: DEFAULTS, compare: null, notices: [] });
  });

  it('names a value that is not a number, and that field alone falls back to its default', () => {
    const { draft, notices } = wordedFromQuery('?lr=abc&batch=32');
    expect(notices).toEqual(['lr=abc is not a number; using 0.001.']);
    expect(draft).toEqual({ ...DEFAULTS, batchSize: '32' });
  });

  it('names a value the settings refuse, with the reason', () => {
    const { draft, notices } = wordedFromQuery('?activation=swish&hidden=0&epochs=0&seed=-1&optimizer=adam');
    expect(draft).toEqual(DEFAULTS);
    expect(notices).toEqual([
      expect.stringMatching(/^activation=swish is refused: unknown activation "swish"; choose one of .*; using relu\.$/),
      expect.stringMatching(/^hidden=0 is refused: hidden layers must be positive whole numbers.*; using 128\.$/),
      'epochs=0 is refused: epochs must be a whole number from 1 to 1000; using 3.',
      'seed=-1 is refused: seed must be a whole number from 0 to 4294967295; using 1.',
    ]);
  });

  it('names an unknown parameter and an unknown comparison', () => {
    const { draft, compare, notices } = wordedFromQuery('?foo=1&compare=everything&lr=0.01');
    expect(draft).toEqual({ ...DEFAULTS, lr: '0.01' });
    expect(compare).toBeNull();
    expect(notices).toEqual([
      'The link\'s parameter "foo" is not a setting; it is ignored.',
      `compare=everything is not a comparison; choose one of ${COMPARE_PRESETS.map((p) => p.id).join(', ')}. No comparison is chosen.`,
    ]);
  });

  it('takes the more settings with the flags of npm run train: normalisation, momentum, weight decay, the activation’s parameter', () => {
    const leaky = wordedFromQuery('?activation=leaky_relu&activation-alpha=0.2&optimizer=momentum&momentum=0.5&weight-decay=0.0001&normalize=unit');
    expect(leaky).toEqual({
      draft: { ...DEFAULTS, activation: 'leaky_relu', leakySlope: '0.2', optimizer: 'momentum', momentum: '0.5', weightDecay: '0.0001', normalize: 'unit' },
      compare: null,
      notices: [],
    });
    expect(wordedFromQuery('?activation-alpha=0.5&activation=elu').draft, 'the parameter of the link’s activation, wherever it is named').toMatchObject({ activation: 'elu', eluAlpha: '0.5', leakySlope: DEFAULTS.leakySlope });
  });

  it('names a more setting that is out of range, not a number, or of no use to the link’s settings', () => {
    expect(wordedFromQuery('?activation=leaky_relu&activation-alpha=2').notices).toEqual([
      "activation-alpha=2 is refused: Leaky ReLU's negative slope must be a number from 0 to 1; using 0.01.",
    ]);
    expect(wordedFromQuery('?normalize=z-score&weight-decay=0x1').notices).toEqual([
      'normalize=z-score is refused: unknown normalization "z-score"; choose one of standard, symmetric, unit; using standard.',
      'weight-decay=0x1 is not a number; using 0.',
    ]);
    const { draft, notices } = wordedFromQuery('?activation=relu&activation-alpha=0.2&optimizer=adam&momentum=0.5');
    expect(draft).toEqual(DEFAULTS);
    expect(notices).toEqual(['activation-alpha=0.2: ReLU has no parameter; it is ignored.', 'momentum=0.5: only SGD with momentum uses momentum; it is ignored.']);
  });

  it('reads hexadecimal, infinite and blank numbers as not numbers, whatever the setting', () => {
    for (const text of ['0x10', 'Infinity', '']) {
      expect(wordedFromQuery(`?lr=${text}`).notices).toEqual([`lr=${text} is not a number; using 0.001.`]);
      expect(wordedFromQuery(`?batch=${text}&optimizer=momentum&momentum=${text}`).notices).toEqual([
        `batch=${text} is not a number; using 128.`,
        `momentum=${text} is not a number; using 0.9.`,
      ]);
    }
  });

  it('reads an empty value as not a number, and a percent-encoded one as written', () => {
    expect(wordedFromQuery('?lr=').notices).toEqual(['lr= is not a number; using 0.001.']);
    expect(wordedFromQuery('?hidden=64%2C32&lr=1e-4').draft).toMatchObject({ hidden: '64,32', lr: '1e-4' });
    expect(wordedFromQuery('?lr=%E0%A4%A').notices, 'a broken escape is text, not an exception').toEqual(['lr=%E0%A4%A is not a number; using 0.001.']);
  });
});

describe('a link from the settings', () => {
  it('writes every setting with the flags of npm run train, layers with plain commas', () => {
    const draft: ConfigDraft = { ...DEFAULTS, hidden: '256,128', lr: '0.01' };
    expect(queryWithSettings('', draft, 'optimizers')).toBe(
      '?activation=relu&loss=cross-entropy&optimizer=adam&lr=0.01&weight-decay=0&batch=128&normalize=standard&hidden=256,128&epochs=3&seed=1&compare=optimizers',
    );
  });

  it('writes momentum and the activation’s parameter only where the run uses them', () => {
    const draft: ConfigDraft = { ...DEFAULTS, activation: 'elu', eluAlpha: '0.5', leakySlope: '0.3', optimizer: 'momentum', momentum: '0.8' };
    expect(queryWithSettings('', draft, null)).toBe(
      '?activation=elu&activation-alpha=0.5&loss=cross-entropy&optimizer=momentum&momentum=0.8&lr=0.001&weight-decay=0&batch=128&normalize=standard&hidden=128&epochs=3&seed=1',
    );
    expect(queryWithSettings('', { ...draft, activation: 'tanh', optimizer: 'adam' }, null)).not.toMatch(/activation-alpha|momentum/);
  });

  it("keeps the page's own parameters as written, first, and replaces the settings it had", () => {
    expect(queryWithSettings('?debug&lr=5&limits=default&compare=losses', DEFAULTS, null)).toBe(
      '?debug&limits=default&activation=relu&loss=cross-entropy&optimizer=adam&lr=0.001&weight-decay=0&batch=128&normalize=standard&hidden=128&epochs=3&seed=1',
    );
  });

  it('encodes what the form holds, whatever was typed', () => {
    const query = queryWithSettings('', { ...DEFAULTS, lr: '1 & 2=3', seed: '#4?' }, null);
    expect(query).toContain('lr=1%20%26%202%3D3');
    expect(wordedFromQuery(query).notices).toEqual(['lr=1 & 2=3 is not a number; using 0.001.', 'seed=#4? is not a number; using 1.']);
  });

  it('gives back the settings it was made from, for any valid form (those the run uses; the others are the defaults)', () => {
    const draftArb = fc.record({
      activation: fc.constantFrom(...ACTIVATION_NAMES),
      loss: fc.constantFrom(...LOSS_NAMES),
      optimizer: fc.constantFrom(...OPTIMIZER_NAMES),
      lr: fc.double({ ...RANGES.lr, noNaN: true }).map(String),
      batchSize: fc.integer({ min: 1, max: 512 }).map(String),
      hidden: fc.array(fc.integer({ min: 1, max: 300 }), { maxLength: 4 }).map((sizes) => sizes.join(',')),
      epochs: fc.integer({ min: 1, max: 1000 }).map(String),
      seed: fc.integer({ min: 0, max: 0xffffffff }).map(String),
      normalize: fc.constantFrom(...Object.keys(NORMALIZATIONS)),
      momentum: fc.double({ ...RANGES.momentum, noNaN: true }).map(String),
      weightDecay: fc.double({ ...RANGES.weightDecay, noNaN: true }).map(String),
      leakySlope: fc.double({ min: 0, max: 1, noNaN: true }).map(String),
      eluAlpha: fc.double({ min: 0, max: 10, noNaN: true }).map(String),
    });
    const compareArb = fc.option(fc.constantFrom(...COMPARE_PRESETS.map((p) => p.id)), { nil: null });
    fc.assert(
      fc.property(draftArb, compareArb, fc.constantFrom('', '?debug', '?limits=default&debug'), (draft, compare, search) => {
        const back = wordedFromQuery(queryWithSettings(search, draft, compare));
        const used = Object.fromEntries(Object.entries(draft).map(([field, text]) => [field, fieldApplies(field as keyof ConfigDraft, draft) ? text : DEFAULTS[field as keyof ConfigDraft]]));
        expect(back).toEqual({ draft: used, compare, notices: [] });
      }),
    );
  });
});
