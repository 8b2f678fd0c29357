// Command-line flags are text from a shell: any argv gives options, and any options give a
// configuration or a message naming the flag at fault, never an exception.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseArgs } from '../gpu/cli/args';
import { KNOWN_OPTIONS, parseTrainConfig } from '../gpu/cli/train-options';
import { ACTIVATION_NAMES } from '../gpu/ops/activation';
import { OPTIMIZER_NAMES } from '../gpu/optim/optimizers';
import { DEFAULT_CONFIG, LOSS_NAMES, MAX_BATCH, NORMALIZATIONS, RANGES, validateConfig, type TrainConfig } from '../gpu/train/config';

const RUNS = { numRuns: 300 };
/** What a shell may pass: flags, flags with values, bare words and anything else. */
const argText = fc.oneof(
  fc.string(),
  fc.string().map((s) => `--${s}`),
  fc.tuple(fc.constantFrom(...KNOWN_OPTIONS), fc.string()).map(([name, value]) => `--${name}=${value}`),
  fc.constantFrom(...KNOWN_OPTIONS).map((name) => `--${name}`),
  fc.constantFrom('--', '-', '---', '--=', '=', '-5', '--lr=-1'),
);
const flagName = fc.stringMatching(/^[a-z][a-z-]{0,11}$/);

describe('parseArgs, for any argv', () => {
  it('sorts every argument into an option, a value or a positional, and drops only "--"', () => {
    fc.assert(
      fc.property(fc.array(argText, { maxLength: 12 }), (argv) => {
        const { options, positional } = parseArgs(argv);
        for (const word of positional) expect(word.startsWith('--')).toBe(false);
        // Each option came from one "--" argument, and each positional or value from one other.
        const flags = argv.filter((a) => a.startsWith('--') && a !== '--').length;
        expect(options.size).toBeLessThanOrEqual(flags);
        expect(positional.length).toBeLessThanOrEqual(argv.filter((a) => !a.startsWith('--')).length);
      }),
      RUNS,
    );
  });

  it('gives back every option written as "--name value" or "--name=value"', () => {
    const value = fc.string().filter((v) => !v.startsWith('--'));
    fc.assert(
      fc.property(fc.dictionary(flagName, fc.tuple(value, fc.boolean())), fc.array(value.filter((v) => v !== ''), { maxLength: 3 }), (written, words) => {
        const argv = [
          ...words,
          ...Object.entries(written).flatMap(([name, [text, inline]]) => (inline ? [`--${name}=${text}`] : [`--${name}`, text])),
        ];
        const { options, positional } = parseArgs(argv);
        expect(Object.fromEntries(options)).toEqual(Object.fromEntries(Object.entries(written).map(([name, [text]]) => [name, text])));
        expect(positional).toEqual(words);
      }),
      RUNS,
    );
  });

  it('keeps every "=" after the first in an inline value', () => {
    fc.assert(
      fc.property(flagName, fc.string(), (name, text) => {
        expect(parseArgs([`--${name}=${text}`]).options.get(name)).toBe(text);
      }),
      RUNS,
    );
  });
});

const NUMBER_FLAGS = ['lr', 'momentum', 'weight-decay', 'batch', 'epochs', 'seed', 'activation-alpha', 'loss-every'];
const flagValue = fc.oneof(
  fc.string(),
  fc.double().map(String),
  fc.integer().map(String),
  fc.constantFrom('true', '', ' ', '0x10', 'Infinity', 'NaN', '1e-300', '128,64', '128,', 'relu', 'adam'),
);

describe('parseTrainConfig, for any flags', () => {
  it('gives a configuration with a number in every numeric field, or names the flag at fault', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...KNOWN_OPTIONS), flagValue), (written) => {
        const result = parseTrainConfig(new Map(Object.entries(written)));
        if (typeof result === 'string') {
          expect(result).toMatch(/^--(hidden: hidden layers must be|[a-z-]+ must be a number, got ")/);
          expect(Object.keys(written)).toContain(/^--([a-z-]+)/.exec(result)![1]);
          return;
        }
        for (const flag of NUMBER_FLAGS) if (flag in written) expect(Number.isNaN(Number(written[flag]))).toBe(false);
        for (const value of [result.lr, result.momentum, result.weightDecay, result.batchSize, result.epochs, result.seed, result.lossEvery]) {
          expect(Number.isNaN(value)).toBe(false);
        }
        // The configuration then goes to validation, which answers by field and does not throw.
        for (const message of Object.values(validateConfig(result))) expect(message).toMatch(/\w/);
      }),
      RUNS,
    );
  });

  it('reads back every valid configuration written as flags', () => {
    const config: fc.Arbitrary<TrainConfig> = fc.record({
      hidden: fc.array(fc.integer({ min: 1, max: 8192 }), { minLength: 1, maxLength: 8 }),
      activation: fc.constantFrom(...ACTIVATION_NAMES),
      // Leaky ReLU's slope and ELU's alpha both take [0, 1]; the other activations ignore it.
      activationAlpha: fc.double({ min: 0, max: 1, noNaN: true }),
      loss: fc.constantFrom(...LOSS_NAMES),
      optimizer: fc.constantFrom(...OPTIMIZER_NAMES),
      lr: fc.double({ ...RANGES.lr, noNaN: true }),
      momentum: fc.double({ ...RANGES.momentum, noNaN: true }),
      weightDecay: fc.double({ ...RANGES.weightDecay, noNaN: true }),
      batchSize: fc.integer({ min: 1, max: MAX_BATCH }),
      epochs: fc.integer({ min: 1, max: 1000 }),
      seed: fc.integer({ min: 0, max: 0xffffffff }),
      normalize: fc.constantFrom(...(Object.keys(NORMALIZATIONS) as (keyof typeof NORMALIZATIONS)[])),
      lossEvery: fc.integer({ min: 1, max: 1000 }),
    });
    fc.assert(
      fc.property(config, (c) => {
        const argv = [
          ...['activation', 'loss', 'optimizer', 'normalize'].flatMap((k) => [`--${k}`, String(c[k as keyof TrainConfig])]),
          `--hidden=${c.hidden.join(',')}`,
          ...[`--lr=${c.lr}`, `--momentum=${c.momentum}`, `--weight-decay=${c.weightDecay}`, `--batch=${c.batchSize}`],
          ...[`--epochs=${c.epochs}`, `--seed=${c.seed}`, `--loss-every=${c.lossEvery}`, `--activation-alpha=${c.activationAlpha}`],
        ];
        expect(parseTrainConfig(parseArgs(argv).options)).toEqual(c);
        expect(validateConfig(c)).toEqual({});
      }),
      RUNS,
    );
  });

  it('keeps the defaults for flags not given', () => {
    expect(parseTrainConfig(new Map())).toEqual(DEFAULT_CONFIG);
  });
});
