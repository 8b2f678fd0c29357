// A checkpoint is restored only if it is one a run could have taken: generated valid ones pass,
// real ones from a trainer pass, and every kind of damage is refused with the problem named.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CpuBackend } from '../gpu/cpu/cpu-backend';
import { ACTIVATION_NAMES } from '../gpu/ops/activation';
import { OPTIMIZER_NAMES, type OptimizerName } from '../gpu/optim/optimizers';
import { Engine } from '../gpu/tensor';
import { checkCheckpoint } from '../gpu/train/checkpoint';
import { CLASSES, DEFAULT_CONFIG, INPUT_SIZE, type TrainConfig } from '../gpu/train/config';
import { Trainer, type Checkpoint } from '../gpu/train/trainer';
import { syntheticData } from './synthetic';

const SLOTS: Record<OptimizerName, number> = { sgd: 0, momentum: 1, adam: 2 };

/** Deterministic values, cheaper to make than thousands of generated floats. */
const filled = (length: number, salt: number) => Float32Array.from({ length }, (_, i) => Math.sin(i * 0.37 + salt));

/** A checkpoint as a run of `config` on `samples` samples would have left it after `stepsDone` steps. */
function checkpointAfter(config: TrainConfig, samples: number, stepsDone: number, order: Uint32Array, randomState: number): Checkpoint {
  const perEpoch = Math.ceil(samples / config.batchSize);
  const epoch = Math.floor(stepsDone / perEpoch);
  const sizes = [INPUT_SIZE, ...config.hidden, CLASSES];
  const parameters = sizes.slice(1).flatMap((out, i) => [filled(out * sizes[i], i), filled(out, -i)]);
  return {
    config,
    step: stepsDone,
    epoch,
    position: (stepsDone % perEpoch) * config.batchSize,
    optimizerSteps: stepsDone,
    randomState,
    order,
    parameters,
    optimizerState: parameters.flatMap((p, i) => Array.from({ length: SLOTS[config.optimizer] }, (_, s) => filled(p.length, i + s))),
    finite: true,
    initialWeightsHash: ((randomState ^ 0x5bd1e995) >>> 0).toString(16).padStart(8, '0'),
  };
}

const validCheckpoint = fc
  .record({
    hidden: fc.array(fc.integer({ min: 1, max: 6 }), { maxLength: 3 }),
    activation: fc.constantFrom(...ACTIVATION_NAMES),
    optimizer: fc.constantFrom(...OPTIMIZER_NAMES),
    batchSize: fc.integer({ min: 1, max: 40 }),
    epochs: fc.integer({ min: 1, max: 4 }),
    samples: fc.integer({ min: 1, max: 40 }),
    randomState: fc.integer({ min: 0, max: 0xffffffff }),
  })
  .chain(({ samples, epochs, batchSize, randomState, ...rest }) => {
    const config: TrainConfig = { ...DEFAULT_CONFIG, ...rest, batchSize, epochs };
    const lastStep = epochs * Math.ceil(samples / batchSize);
    const permutation = fc.shuffledSubarray([...Array(samples).keys()], { minLength: samples, maxLength: samples });
    return fc.tuple(fc.integer({ min: 0, max: lastStep }), permutation).map(([stepsDone, order]) => ({
      checkpoint: checkpointAfter(config, samples, stepsDone, Uint32Array.from(order), randomState),
      samples,
    }));
  });

/** A copy that shares no arrays with `c`, so a mutation touches only the copy. */
const copied = (c: Checkpoint): Checkpoint => ({
  ...c,
  config: { ...c.config, hidden: [...c.config.hidden] },
  order: c.order.slice(),
  parameters: c.parameters.map((p) => p.slice()),
  optimizerState: c.optimizerState.map((s) => s.slice()),
});

type Mutable = Record<string, unknown>;
/** A way to damage a checkpoint, and what its refusal must say; null when it does not apply. */
type Damage = (c: Checkpoint & Mutable) => string | RegExp | null;

const FIELDS = ['config', 'step', 'epoch', 'position', 'optimizerSteps', 'randomState', 'order', 'parameters', 'optimizerState', 'finite', 'initialWeightsHash'];
const COUNTS = ['step', 'epoch', 'position', 'optimizerSteps', 'randomState'];
const NOT_A_COUNT = ['1', null, undefined, {}, [], NaN, -1, 0.5, Infinity, true, 2 ** 53];

const damages: fc.Arbitrary<Damage> = fc.oneof(
  fc.constantFrom(...FIELDS).map((key): Damage => (c) => (delete c[key], key)),
  fc.tuple(fc.constantFrom(...COUNTS), fc.constantFrom(...NOT_A_COUNT)).map(([key, bad]): Damage => (c) => ((c[key] = bad), key)),
  fc.tuple(fc.constantFrom('step', 'epoch', 'optimizerSteps'), fc.constantFrom(-1, 1)).map(([key, by]): Damage => (c) => {
    c[key] = (c[key] as number) + by;
    return key === 'optimizerSteps' ? key : new RegExp(`${key} is|step is`);
  }),
  fc.constantFrom(-1, 1).map((by): Damage => (c) => ((c.position += by), 'position')),
  fc.constant<Damage>((c) => ((c.randomState = 2 ** 32), 'randomState')),
  fc.constantFrom('1', 0, null, undefined).map((bad): Damage => (c) => ((c.finite = bad as unknown as boolean), 'finite')),
  fc.constant<Damage>((c) => ((c.finite = !c.finite), 'finite')),
  fc.constantFrom('', '0123456', '012345678', '0123ABCD', 'hash0000', 0x01234567, null).map(
    (bad): Damage => (c) => (((c as Mutable).initialWeightsHash = bad), 'initialWeightsHash'),
  ),
  fc.tuple(fc.constantFrom('parameters', 'optimizerState'), fc.nat(), fc.constantFrom(-1, 1)).map(([key, at, by]): Damage => (c) => {
    const list = c[key] as Float32Array[];
    if (list.length === 0) return null;
    const i = at % list.length;
    list[i] = new Float32Array(list[i].length + by);
    return `${key}[${i}]`;
  }),
  fc.tuple(fc.constantFrom('parameters', 'optimizerState'), fc.nat(), fc.constantFrom('float64', 'array', 'drop', 'add')).map(
    ([key, at, how]): Damage =>
      (c) => {
        const list = c[key] as unknown[];
        if (list.length === 0 && how !== 'add') return null;
        const i = at % Math.max(1, list.length);
        if (how === 'float64') list[i] = new Float64Array(list[i] as Float32Array);
        else if (how === 'array') list[i] = Array.from(list[i] as Float32Array);
        else if (how === 'drop') list.splice(i, 1);
        else list.push(new Float32Array(4));
        return key;
      },
  ),
  fc.nat().map((at): Damage => (c) => {
    const p = c.parameters[at % c.parameters.length];
    p[at % p.length] = NaN;
    return 'finite';
  }),
  fc.tuple(fc.nat(), fc.nat(), fc.constantFrom('repeat', 'beyond')).map(([i, j, how]): Damage => (c) => {
    const n = c.order.length;
    if (c.step === 0 || (how === 'repeat' && n < 2)) return null; // no order is drawn before the first step
    const at = i % n;
    c.order[at] = how === 'beyond' ? n + (j % 5) : c.order[(at + 1 + (j % (n - 1))) % n];
    return 'order';
  }),
  fc.constantFrom('int32', 'longer', 'shorter', 'array').map((how): Damage => (c) => {
    if (how === 'int32') c.order = new Int32Array(c.order) as unknown as Uint32Array;
    else if (how === 'array') (c as Mutable).order = Array.from(c.order);
    else c.order = Uint32Array.from({ length: c.order.length + (how === 'longer' ? 1 : -1) }, (_, i) => i);
    return 'order';
  }),
  fc.constantFrom<[keyof TrainConfig, unknown]>(
    ['lr', NaN],
    ['lr', '0.1'],
    ['activation', 'swish2'],
    ['optimizer', 42],
    ['batchSize', 0],
    ['epochs', 1.5],
    ['hidden', '16'],
    ['normalize', 'none'],
    ['lossEvery', undefined],
  ).map(([key, bad]): Damage => (c) => (((c.config as unknown as Mutable)[key] = bad), `config.${key}`)),
  fc.constant<Damage>((c) => (c.config.hidden.push(3), 'parameters')),
  fc.constant<Damage>((c) => {
    const others = OPTIMIZER_NAMES.filter((o) => o !== c.config.optimizer);
    c.config.optimizer = others[c.step % others.length];
    return 'optimizerState';
  }),
);

describe('checkCheckpoint', () => {
  it('accepts every checkpoint a run could have taken', () => {
    fc.assert(
      fc.property(validCheckpoint, ({ checkpoint, samples }) => {
        expect(checkCheckpoint(checkpoint, samples)).toBe(checkpoint);
        expect(checkCheckpoint(checkpoint)).toBe(checkpoint);
      }),
      { numRuns: 200 },
    );
  });

  it('accepts the step-0 checkpoint of a fresh model, taken before any order was drawn', () => {
    fc.assert(
      fc.property(validCheckpoint, ({ checkpoint, samples }) => {
        const fresh = { ...checkpointAfter(checkpoint.config, samples, 0, new Uint32Array(samples), 7) };
        expect(checkCheckpoint(fresh, samples)).toBe(fresh);
      }),
      { numRuns: 50 },
    );
  });

  it('refuses every kind of damage, naming what is wrong', () => {
    fc.assert(
      fc.property(validCheckpoint, damages, ({ checkpoint, samples }, damage) => {
        const damaged = copied(checkpoint) as Checkpoint & Mutable;
        const named = damage(damaged);
        fc.pre(named !== null);
        expect(() => checkCheckpoint(damaged, samples)).toThrow(/^invalid checkpoint: /);
        expect(() => checkCheckpoint(damaged, samples)).toThrow(named!);
        expect(() => checkCheckpoint(damaged, samples)).toThrow(expect.objectContaining({ constructor: Error }));
      }),
      { numRuns: 400 },
    );
  });

  it('refuses anything that is not a checkpoint at all, with an Error', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        expect(() => checkCheckpoint(value)).toThrow(/^invalid checkpoint: /);
      }),
      { numRuns: 200 },
    );
  });

  it('accepts the checkpoints a real trainer takes, at any step', async () => {
    const engine = new Engine(new CpuBackend());
    const samples = 24;
    const data = syntheticData(engine, samples, 10);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...OPTIMIZER_NAMES),
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: 0, max: 12 }),
        async (optimizer, batchSize, steps) => {
          const trainer = new Trainer(engine, data, { ...DEFAULT_CONFIG, hidden: [3], optimizer, batchSize, epochs: 2 });
          try {
            for (let i = 0; i < steps && !trainer.finished; i++) trainer.trainStep();
            const checkpoint = await trainer.checkpoint();
            expect(checkCheckpoint(checkpoint, samples)).toBe(checkpoint);
          } finally {
            trainer.dispose();
          }
        },
      ),
      { numRuns: 30 },
    );
  });
});
