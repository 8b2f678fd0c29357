// The settings form is text typed by a person: any text gives a valid configuration or a message
// per field at fault, never an exception.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { APP_DEFAULT_CONFIG, configFromDraft, draftFrom, fieldApplies, type ConfigDraft } from '../app/config-form';
import { ACTIVATION_NAMES } from '../gpu/ops/activation';
import { OPTIMIZER_NAMES } from '../gpu/optim/optimizers';
import {
  ACTIVATION_PARAMETERS,
  LOSS_NAMES,
  LR_RANGE,
  MAX_BATCH,
  MAX_HIDDEN,
  NORMALIZATIONS,
  RANGES,
  hasActivationParameter,
  parseDecimal,
  parseHidden,
  rangeText,
  validateConfig,
  type NormalizationName,
  type TrainConfig,
} from '../gpu/train/config';
import { capacityOf } from '../gpu/train/memory';
import { catalogueOf } from '../app/i18n/messages';
import { looksUntranslated } from '../e2e/untranslated';

const FIELDS = [
  'activation', 'loss', 'optimizer', 'lr', 'batchSize', 'hidden', 'epochs', 'seed', 'normalize', 'momentum', 'weightDecay', 'leakySlope', 'eluAlpha',
] as const satisfies readonly (keyof ConfigDraft)[];
const NUMBER_FIELDS = ['lr', 'batchSize', 'epochs', 'seed', 'momentum', 'weightDecay', 'leakySlope', 'eluAlpha'] as const;

/** What each field's message talks about, so a message is never about another field. */
const SUBJECT: Record<keyof ConfigDraft, RegExp> = {
  activation: /activation/,
  loss: /loss/,
  optimizer: /optimizer/,
  lr: /learning rate/,
  batchSize: /batch size/,
  hidden: /hidden|layer|memory/,
  epochs: /epochs/,
  seed: /seed/,
  normalize: /normalization/,
  momentum: /momentum/,
  weightDecay: /weight decay/,
  leakySlope: /Leaky ReLU's negative slope/,
  eluAlpha: /ELU's alpha/,
};

/** Text a person might type: names, numbers in every notation, and anything at all. */
const fieldText = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.constantFrom(...ACTIVATION_NAMES, ...LOSS_NAMES, ...OPTIMIZER_NAMES),
  fc.double().map(String),
  fc.integer().map(String),
  fc.array(fc.integer({ min: -5, max: 300 }), { maxLength: 10 }).map((sizes) => sizes.join(',')),
  fc.constantFrom('', ' ', '0x10', '1e-300', 'Infinity', '-Infinity', 'NaN', ' 12 ', '1_000', '1,', ',', '\t', '0b11', '-0', '1e3'),
);

const anyDraft = fc.record(Object.fromEntries(FIELDS.map((f) => [f, fieldText])) as Record<keyof ConfigDraft, typeof fieldText>);

const validConfig: fc.Arbitrary<TrainConfig> = fc
  .record({
    activation: fc.constantFrom(...ACTIVATION_NAMES),
    loss: fc.constantFrom(...LOSS_NAMES),
    optimizer: fc.constantFrom(...OPTIMIZER_NAMES),
    lr: fc.double({ min: LR_RANGE.min, max: LR_RANGE.max, noNaN: true }),
    batchSize: fc.integer({ min: 1, max: MAX_BATCH }),
    hidden: fc.array(fc.integer({ min: 1, max: MAX_HIDDEN }), { maxLength: 8 }),
    epochs: fc.integer({ min: 1, max: 1000 }),
    seed: fc.integer({ min: 0, max: 0xffffffff }),
    normalize: fc.constantFrom(...(Object.keys(NORMALIZATIONS) as NormalizationName[])),
    momentum: fc.double({ ...RANGES.momentum, noNaN: true }),
    weightDecay: fc.double({ ...RANGES.weightDecay, noNaN: true }),
    alpha: fc.double({ min: 0, max: 1, noNaN: true }),
  })
  .map(({ alpha, ...fields }) => ({ ...APP_DEFAULT_CONFIG, ...fields, ...(hasActivationParameter(fields.activation) ? { activationAlpha: alpha } : {}) }));

const RUNS = { numRuns: 300 };

describe('the settings form, for any text in any field', () => {
  it('gives a valid configuration, or messages keyed by field that say what is wrong', () => {
    fc.assert(
      fc.property(anyDraft, fc.option(fc.integer({ min: 1, max: 2 ** 28 }), { nil: undefined }), (draft, maxBufferElements) => {
        const capacity = maxBufferElements === undefined ? undefined : capacityOf({ maxBufferElements });
        const { config, errors } = configFromDraft(draft, capacity);
        for (const [field, message] of Object.entries(errors)) {
          expect(FIELDS).toContain(field);
          expect(message).toMatch(SUBJECT[field as keyof ConfigDraft]);
        }
        if (Object.keys(errors).length === 0) {
          expect(validateConfig(config)).toEqual({});
          expect(Number.isFinite(config.lr) && config.lr > 0).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('blames only the field that was changed from a valid form', () => {
    fc.assert(
      fc.property(validConfig, fc.constantFrom(...FIELDS), fieldText, (config, field, text) => {
        const { errors } = configFromDraft({ ...draftFrom(config), [field]: text });
        expect(Object.keys(errors).filter((key) => key !== field)).toEqual([]);
      }),
      RUNS,
    );
  });

  it('refuses empty or blank numbers rather than reading them as zero', () => {
    fc.assert(
      fc.property(validConfig, fc.constantFrom(...NUMBER_FIELDS), fc.stringMatching(/^\s*$/), (config, field, blank) => {
        const draft = { ...draftFrom(config), [field]: blank };
        expect(configFromDraft(draft).errors[field] !== undefined).toBe(fieldApplies(field, draft));
      }),
      RUNS,
    );
  });

  it('reads back every valid configuration it shows', () => {
    fc.assert(
      fc.property(validConfig, (config) => {
        expect(configFromDraft(draftFrom(config))).toEqual({ config, errors: {} });
      }),
      RUNS,
    );
  });
});

describe('numbers in the form are decimal', () => {
  it.each(['0.001', '1e-4', '1E-4', '.5', '3.', '-2', '+7', ' 12 '])('"%s" is read as Number() reads it', (text) => {
    expect(parseDecimal(text)).toBe(Number(text));
  });

  it.each(['0x10', '0b1', '0o7', 'Infinity', '', '  ', '1e', '1.2.3', '1,5', 'e5', '1_000'])('"%s" is not a number', (text) => {
    expect(parseDecimal(text)).toBeNaN();
  });

  it.each([
    ['0x10', 'learning rate must be a positive number'],
    ['1e-300', 'learning rate must be a number from 0.000001 to 100'],
    ['101', 'learning rate must be a number from 0.000001 to 100'],
  ])('a learning rate of %s is refused: %s', (lr, message) => {
    expect(configFromDraft({ ...draftFrom(APP_DEFAULT_CONFIG), lr }).errors.lr).toBe(message);
  });

  it.each(NUMBER_FIELDS)('%s: "0x10", "Infinity" and "1e400" are refused, not read as 16 or infinity', (field) => {
    const draft = { ...draftFrom({ ...APP_DEFAULT_CONFIG, optimizer: 'momentum' }), activation: field === 'eluAlpha' ? 'elu' : 'leaky_relu' };
    for (const text of ['0x10', 'Infinity', '1e400']) expect(configFromDraft({ ...draft, [field]: text }).errors[field], `${field}=${text}`).toMatch(SUBJECT[field]);
  });

  it('hidden layers are decimal whole numbers too', () => {
    expect(parseHidden('0x10')).toMatch(/hidden layers must be positive whole numbers/);
    expect(parseHidden('1e2, 64')).toEqual([100, 64]);
    expect(configFromDraft({ ...draftFrom(APP_DEFAULT_CONFIG), hidden: '128,0x10' }).errors.hidden).toMatch(/hidden layers/);
  });

  it('every numeric setting takes its range, ends included, and nothing beyond', () => {
    const ranges = { ...RANGES, leakySlope: ACTIVATION_PARAMETERS.leaky_relu, eluAlpha: ACTIVATION_PARAMETERS.elu };
    const base = { ...draftFrom({ ...APP_DEFAULT_CONFIG, optimizer: 'momentum' }), hidden: '' };
    for (const field of NUMBER_FIELDS) {
      const draft = { ...base, activation: field === 'eluAlpha' ? 'elu' : 'leaky_relu' };
      const { min, max } = ranges[field];
      const step = field === 'batchSize' || field === 'epochs' || field === 'seed' ? 1 : max / 1000;
      for (const inside of [min, max]) expect(configFromDraft({ ...draft, [field]: String(inside) }).errors[field], `${field} ${inside}`).toBeUndefined();
      // Below the least learning rate, a zero or negative one is said as such (see above).
      for (const outside of [field === 'lr' ? min / 10 : min - step, max + step]) {
        expect(configFromDraft({ ...draft, [field]: String(outside) }).errors[field], `${field} ${outside}`).toContain(rangeText({ min, max }));
      }
    }
  });

  it('the ends of the learning-rate range are accepted', () => {
    for (const lr of [LR_RANGE.min, LR_RANGE.max]) expect(configFromDraft({ ...draftFrom(APP_DEFAULT_CONFIG), lr: String(lr) }).errors.lr).toBeUndefined();
  });
});

describe('the form’s messages in Chinese', () => {
  const zh = catalogueOf('zh').problems;
  const draft = { ...draftFrom({ ...APP_DEFAULT_CONFIG, optimizer: 'momentum' }), activation: 'leaky_relu' };

  it('say the same problems as the English ones, in Chinese, the numbers as they are', () => {
    const bad = { ...draft, lr: '0x10', batchSize: '0', epochs: '1.5', seed: '-1', momentum: '2', weightDecay: '1', leakySlope: '3', hidden: '128,0x10' };
    const english = configFromDraft(bad).errors;
    const chinese = configFromDraft(bad, undefined, zh).errors;
    expect(Object.keys(chinese).sort()).toEqual(Object.keys(english).sort());
    expect(Object.keys(chinese).length).toBe(8);
    for (const message of Object.values(chinese)) expect(looksUntranslated(message), message).toBe(false);
    expect(chinese.batchSize).toBe('批大小必须是 1 到 8192 之间的整数');
    expect(chinese.leakySlope).toBe('Leaky ReLU 的负半轴斜率必须是 0 到 1 之间的数');
  });

  it('name what the device cannot hold in Chinese too', () => {
    const capacity = capacityOf({ maxBufferElements: 1000 });
    expect(configFromDraft({ ...draft, hidden: '4096' }, capacity, zh).errors.hidden).toBe('第 1 层需要一个 3211264 个值的缓冲区，超出了本设备每个缓冲区 1000 个值的上限');
  });
});
