// trainTogether: several trainers stepped in rounds on one device, each as it would train alone,
// each leaving on its own; the `around` hook puts each step in its own error scopes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackendError, Scoped } from '../gpu/backend';
import type { ActivationName } from '../gpu/ops/activation';
import { DEFAULT_CONFIG, type TrainConfig } from '../gpu/train/config';
import type { DeviceData } from '../gpu/train/device-data';
import { STEPS_PER_SUBMISSION, mayHold, trainTogether } from '../gpu/train/race';
import { Trainer, type SubmittedStep } from '../gpu/train/trainer';
import { Engine } from '../gpu/tensor';
import { BACKENDS } from './backends';
import { syntheticData } from './synthetic';

const ARTICLE: ActivationName[] = ['relu', 'leaky_relu', 'sigmoid', 'tanh'];
const base: TrainConfig = { ...DEFAULT_CONFIG, hidden: [16], batchSize: 32, epochs: 1, lossEvery: 2 };

describe('mayHold', () => {
  it('holds up to STEPS_PER_SUBMISSION − 1 steps of a trainer alone in its round, none of one racing others', () => {
    expect(Array.from({ length: STEPS_PER_SUBMISSION + 1 }, (_, held) => mayHold(held, 1))).toEqual([
      ...Array<boolean>(STEPS_PER_SUBMISSION - 1).fill(true),
      false,
      false,
    ]);
    expect(mayHold(0, 2)).toBe(false);
  });
});

describe.each(BACKENDS)('trainTogether on $name', (backend) => {
  // One device for the suite, its pipelines compiled before any test, so that every step runs the
  // same kernels (a stand-in's results differ in the last bits) and runs compare exactly.
  let engine: Engine;
  let data: DeviceData;
  beforeAll(async () => {
    engine = new Engine(await backend.create());
    data = syntheticData(engine, 100, 20); // 4 steps an epoch: 32, 32, 32, 4 rows
    const configs = [...ARTICLE.map((activation) => ({ activation })), { loss: 'mse' as const }, { loss: 'bce' as const }];
    for (const config of configs) {
      const warm = new Trainer(engine, data, { ...base, ...config });
      for await (const step of warm.steps()) await step.loss; // a whole epoch: the short last batch too
      warm.dispose();
    }
    await engine.backend.compiled();
  });
  afterAll(() => engine.backend.destroy());

  const trainers = (configs: Partial<TrainConfig>[]) => configs.map((c) => new Trainer(engine, data, { ...base, ...c }));

  /** Every loss a trainer reads, in order, trained alone through its own loop. */
  async function lossesAlone(config: Partial<TrainConfig>): Promise<number[]> {
    const [t] = trainers([config]);
    const losses = [];
    for await (const step of t.steps()) if (step.loss) losses.push(step.loss);
    t.dispose();
    return Promise.all(losses);
  }

  it('steps every trainer once a round, in order, and each trains exactly as it would alone', async () => {
    const configs = ARTICLE.map((activation) => ({ activation }));
    const race = trainers(configs);
    const order: number[] = [];
    const losses = new Map<Trainer, Promise<number>[]>(race.map((t) => [t, []]));
    for await (const { trainer, step } of trainTogether(race)) {
      order.push(race.indexOf(trainer));
      expect(step.step).toBe(trainer.step);
      if (step.loss) losses.get(trainer)!.push(step.loss);
    }
    expect(order).toEqual([0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3]);
    for (const [i, t] of race.entries()) {
      expect(await Promise.all(losses.get(t)!)).toEqual(await lossesAlone(configs[i]));
      expect(t.finished).toBe(true);
      expect(t.throughput.rows).toBe(100);
      expect(t.throughput.running).toBe(false);
      t.dispose();
    }
  });

  it('the same seed gives the same initial weights and batch order to every run of equal shapes', async () => {
    const race = trainers([{ activation: 'relu' }, { activation: 'tanh', optimizer: 'sgd', loss: 'mse' }, { seed: 2 }]);
    expect(race[0].model.initialWeightsHash).toBe(race[1].model.initialWeightsHash);
    expect(race[2].model.initialWeightsHash).not.toBe(race[0].model.initialWeightsHash);
    for await (const { trainer } of trainTogether(race)) if (trainer.step === 2) break;
    const [a, b, c] = await Promise.all(race.map((t) => t.checkpoint()));
    expect(a.order).toEqual(b.order);
    expect(a.order).not.toEqual(c.order);
    for (const t of race) t.dispose();
  });

  it('a trainer held back, finished or dropped from the list leaves alone; its clock stops then', async () => {
    const [held, short, dropped, long] = trainers([{}, {}, {}, { epochs: 2 }]);
    const list = [held, short, dropped, long];
    let holding = false;
    let heldBack = false;
    const keepGoing = (t: Trainer) => {
      if (t === held && holding) heldBack = true;
      return !(t === held && holding);
    };
    const seen: Trainer[] = [];
    const clockWhenHeld: number[] = [];
    for await (const { trainer } of trainTogether(() => list, keepGoing)) {
      seen.push(trainer);
      if (trainer === held && trainer.step === 2) holding = true;
      if (trainer === dropped) list.splice(list.indexOf(dropped), 1);
      if (heldBack) {
        expect(held.throughput.running).toBe(false);
        clockWhenHeld.push(held.throughput.elapsedMs);
      }
      if (seen.length > 4) expect(dropped.throughput.running).toBe(false);
      // Its clock stops as its last step is submitted.
      if (trainer === long) expect(long.throughput.running).toBe(!long.finished);
    }
    expect([held.step, short.step, dropped.step, long.step]).toEqual([2, 4, 1, 8]);
    expect(seen.filter((t) => t === long)).toHaveLength(8);
    // The held trainer's clock did not move while the others trained on.
    expect(clockWhenHeld.length).toBeGreaterThan(4);
    expect(new Set(clockWhenHeld).size).toBe(1);
    for (const t of [held, short, dropped, long]) expect(t.throughput.running).toBe(false);
    for (const t of [held, short, dropped, long]) t.dispose();
  });

  it('trainers added to the list join at the next round; the loop ends when a round submits nothing', async () => {
    const [first, late] = trainers([{}, { activation: 'tanh' }]);
    const list = [first];
    const order: string[] = [];
    for await (const { trainer } of trainTogether(() => list)) {
      order.push(`${trainer === first ? 'first' : 'late'}:${trainer.step}`);
      if (trainer === first && trainer.step === 2) list.push(late);
    }
    expect(order).toEqual(['first:1', 'first:2', 'first:3', 'late:1', 'first:4', 'late:2', 'late:3', 'late:4']);
    expect(late.finished).toBe(true);
    first.dispose();
    late.dispose();
  });

  it('a trainer alone is submitted STEPS_PER_SUBMISSION steps at a time, those that read back at once, and trains as one submitted every step', async () => {
    const config = { batchSize: 8, lossEvery: 1000 }; // 13 steps, reads on the first and the last
    const [alone, stepwise] = trainers([config, config]);
    const before = engine.backend.counters().submissions;
    const submittedAt: boolean[] = [];
    for await (const step of alone.steps()) submittedAt.push(step.submitted);
    // Step 1 reads its loss; 2–5, 6–9 go together; 13 ends the epoch (and reads) after 10–12.
    expect(submittedAt).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13].map((s) => s % STEPS_PER_SUBMISSION === 1));
    if (backend.name === 'webgpu') expect(engine.backend.counters().submissions - before).toBe(4);
    for (let i = 0; i < 13; i++) expect(stepwise.trainStep().submitted).toBe(true);
    const [held, direct] = await Promise.all([alone.checkpoint(), stepwise.checkpoint()]);
    expect(held.parameters).toEqual(direct.parameters);
    alone.dispose();
    stepwise.dispose();
  });

  it('held steps are submitted, in their trainer\'s own around(), when another trainer joins and when the loop ends', async () => {
    const [first, late] = trainers([{ batchSize: 8, lossEvery: 1000 }, { batchSize: 8, lossEvery: 1000 }]);
    const list = [first];
    const log: string[] = [];
    const name = (t: Trainer) => (t === first ? 'first' : 'late');
    const around = <T,>(trainer: Trainer, work: () => T): T => {
      const result = work();
      const step = result as SubmittedStep | undefined;
      log.push(step ? `${name(trainer)}:${step.step}${step.submitted ? '' : ' held'}` : `${name(trainer)}: submits held`);
      return result;
    };
    for await (const { trainer } of trainTogether(() => list, () => true, { around })) {
      if (trainer === first && trainer.step === 3) list.push(late);
      if (trainer === late && trainer.step === 2) list.splice(0, 2, late);
      if (trainer === late && trainer.step === 4) break;
    }
    expect(log).toEqual([
      ...['first:1', 'first:2 held', 'first:3 held', 'first: submits held'],
      ...['first:4', 'late:1', 'first:5', 'late:2'],
      ...['late:3 held', 'late:4 held', 'late: submits held'],
    ]);
    await engine.backend.idle();
    first.dispose();
    late.dispose();
  });

  it('a break stops every clock', async () => {
    const race = trainers([{}, {}]);
    for await (const { trainer } of trainTogether(race)) if (trainer === race[1]) break;
    expect(race.map((t) => [t.step, t.throughput.running])).toEqual([
      [1, false],
      [1, false],
    ]);
    for (const t of race) t.dispose();
  });

  it("around() wraps each step in its trainer's error scopes: an error injected in one step fails that trainer alone", async () => {
    const race = trainers(ARTICLE.map((activation) => ({ activation })));
    const victim = race[2];
    const uncaptured: BackendError[] = [];
    const unsubscribe = engine.backend.onError((error) => uncaptured.push(error));
    // What each read came to, as number or error, taken at once: a read that rejects is handled.
    const scopes: { trainer: Trainer; step: number; error: Promise<BackendError | null>; read: Promise<unknown> | null }[] = [];
    // Four trainers, never one alone: every step is submitted in its own scopes.
    const around = <T>(trainer: Trainer, submit: () => T): T => {
      const scoped: Scoped<SubmittedStep> = engine.backend.scoped(() => {
        const step = submit() as SubmittedStep;
        expect(step.submitted).toBe(true);
        if (trainer === victim && step.step === 2) engine.backend.injectError('validation');
        return step;
      });
      const read = scoped.result.loss?.then(
        (loss) => loss,
        (error: unknown) => error,
      );
      scopes.push({ trainer, step: scoped.result.step, error: scoped.error, read: read ?? null });
      return scoped.result as T;
    };
    const steps = [];
    for await (const { trainer, step } of trainTogether(race, () => true, { around })) steps.push([race.indexOf(trainer), step.step]);
    unsubscribe();
    expect(steps).toHaveLength(16);
    expect(scopes).toHaveLength(16);
    const errors = await Promise.all(scopes.map((s) => s.error));
    const failed = scopes.filter((_, i) => errors[i] !== null);
    expect(failed.map((s) => [race.indexOf(s.trainer), s.step])).toEqual([[2, 2]]);
    expect(errors.find((e) => e !== null)?.kind).toBe('validation');
    expect(uncaptured).toEqual([]);
    // The failed step's read rejects with its error (on WebGPU it could otherwise be stale); every
    // other step's reads come back.
    expect(await failed[0].read).toBe(errors[scopes.indexOf(failed[0])]);
    const others = scopes.filter((s) => s !== failed[0] && s.read);
    expect(others.length).toBeGreaterThan(6);
    expect((await Promise.all(others.map((s) => s.read))).every(Number.isFinite)).toBe(true);
    for (const t of race) t.dispose();
  });
});
