// The worker's controller on the CPU backend, with a small synthetic dataset in place of MNIST:
// races, stops, refusals, parking, deletes, errors, adoption and a lost device, as the page sees
// them through the messages posted.
import { afterEach, describe, expect, it } from 'vitest';
import type { Checkpoint } from '../gpu';
import { MAX_LIVE_RUNS } from '../app/worker/policy';
import type { RunId } from '../app/protocol';
import { Harness, config, stopHarnesses } from './worker-harness';

afterEach(stopHarnesses);

describe('the worker controller', () => {
  it('trains a race together from equal initial weights, each run to its end, with accuracy and time on every point', async () => {
    const h = await Harness.start();
    expect(h.of('phase').at(-1)?.phase).toBe('ready');
    const ids = await h.create([config({ activation: 'relu' }), config({ activation: 'tanh', loss: 'mse' })], true);
    const created = ids.map((id) => h.of('run-created', id)[0]);
    expect(created.map((m) => m.stepsPerEpoch)).toEqual([8, 8]);
    expect(created[0].initialWeightsHash).toMatch(/^[0-9a-f]{8}$/);
    expect(created[1].initialWeightsHash).toBe(created[0].initialWeightsHash);

    for (const id of ids) await h.untilState(id, 'finished');
    for (const id of ids) {
      const epochs = h.of('epoch', id);
      expect(epochs.map((e) => [e.epoch, e.step])).toEqual([
        [1, 8],
        [2, 16],
      ]);
      expect(epochs[1].seconds).toBeGreaterThanOrEqual(epochs[0].seconds);
      const points = h.of('progress', id).flatMap((m) => m.points);
      expect(points.map((p) => p.step)).toEqual([1, 2, 4, 6, 8, 10, 12, 14, 16]);
      for (const p of points) expect(p.accuracy >= 0 && p.accuracy <= 1).toBe(true);
      expect(points.map((p) => p.seconds)).toEqual([...points.map((p) => p.seconds)].sort((a, b) => a - b));
      // The stop's checkpoint goes to the page once the run has finished.
      const weights = h.of('weights', id);
      expect(weights.at(-1)?.checkpoint.step).toBe(16);
      expect(h.messages.indexOf(weights.at(-1)!)).toBeGreaterThan(h.messages.indexOf(h.of('run-state', id).at(-1)!));
    }
    // Different settings, one batch order, one start: the curves differ by the setting alone.
    expect(h.of('progress', ids[0]).flatMap((m) => m.points)[0].loss).not.toBe(h.of('progress', ids[1]).flatMap((m) => m.points)[0].loss);
  });

  it('stops a diverged run alone, offers its rollback, and the others train on', async () => {
    const h = await Harness.start();
    const [wild, calm] = await h.create([config({ optimizer: 'sgd', lr: 10, hidden: [64, 64], lossEvery: 1, epochs: 20 }), config({ epochs: 20 })], true);
    await h.untilState(wild, 'diverged');
    const [diverged] = h.of('diverged', wild);
    expect(diverged.rollback).toEqual({ step: h.run(wild)!.checkpointStep, lr: 1 });
    // The page keeps the weights a rollback would start from, not the ones that blew up.
    const kept = h.of('weights', wild).at(-1)!.checkpoint;
    expect(kept).toMatchObject({ step: diverged.rollback.step, finite: true });
    expect(h.run(calm)!.state).toBe('training');
    const calmStep = h.run(calm)!.step;
    await h.until('the calm run to go on', () => h.run(calm)!.step > calmStep + 8);

    await h.send({ type: 'rollback', runId: wild });
    const restored = h.of('restored', wild).at(-1)!;
    expect(restored).toMatchObject({ cause: 'rollback', step: diverged.rollback.step, config: { lr: 1 } });
    const afterwards = h.messages.slice(h.messages.indexOf(restored));
    expect(afterwards).toContainEqual({ type: 'run-state', runId: wild, state: 'training' });
    expect(h.run(wild)!.config.lr).toBe(1);
    // The rollback is a change of the learning rate, at the step it went back to.
    expect(h.run(wild)!.lrChanges).toEqual([{ step: diverged.rollback.step, from: 10, to: 1 }]);
    expect(h.of('lr-changes', wild).at(-1)).toMatchObject({ lr: 1, changes: [{ step: diverged.rollback.step, from: 10, to: 1 }] });
  });

  it('pauses, steps and resumes the runs named, and refuses what cannot be done, naming the run', async () => {
    const h = await Harness.start();
    const [a, b] = await h.create([config({ epochs: 50 }), config({ epochs: 1 })], false);
    expect(h.of('run-state', a).at(-1)?.state).toBe('ready');

    await h.send({ type: 'step', runIds: [a] });
    expect(h.run(a)).toMatchObject({ state: 'paused', step: 1, checkpointStep: 1 });
    expect(h.run(b)).toMatchObject({ state: 'ready', step: 0 });
    expect(h.of('weights', a).at(-1)?.checkpoint.step).toBe(1);
    expect(h.of('progress', a).flatMap((m) => m.points).map((p) => p.step)).toEqual([1]);

    // A new learning rate from the next step on, recorded at the steps trained so far; a rate out of range changes nothing.
    const lr = h.run(a)!.config.lr;
    await h.send({ type: 'set-lr', runId: a, lr: lr / 10 });
    await expect(h.send({ type: 'set-lr', runId: a, lr: 200 })).rejects.toThrow('learning rate must be a number from 0.000001 to 100');
    expect(h.run(a)).toMatchObject({ config: { lr: lr / 10 }, lrChanges: [{ step: 1, from: lr, to: lr / 10 }] });
    expect(h.of('lr-changes', a)).toEqual([{ type: 'lr-changes', runId: a, lr: lr / 10, changes: [{ step: 1, from: lr, to: lr / 10 }] }]);

    await h.send({ type: 'resume', runIds: [a, b] });
    await expect(h.send({ type: 'step', runIds: [a] })).rejects.toThrow(`run ${a} is training`);
    await h.untilState(b, 'finished');
    await h.send({ type: 'pause', runIds: [a, b] });
    expect(h.run(a)).toMatchObject({ state: 'paused' });
    expect(h.of('weights', a).at(-1)?.checkpoint.step).toBe(h.run(a)!.step);
    await expect(h.send({ type: 'resume', runIds: [b] })).rejects.toThrow(`run ${b} has finished`);
    await expect(h.send({ type: 'pause', runIds: ['nobody'] })).rejects.toThrow('there is no run nobody');
    await expect(h.send({ type: 'rollback', runId: a })).rejects.toThrow('only a diverged run');
  });

  it('pauses every training run when a new race starts, and refuses one that does not fit before building any of it', async () => {
    const h = await Harness.start();
    const [first] = await h.create([config({ epochs: 50 })], true, 'first');
    await h.until('the first run to train', () => h.run(first)!.step > 0);
    const before = h.controller.status();

    await expect(h.create([config(), config({ hidden: [9000], activation: 'tanh' })], true)).rejects.toThrow(
      /^Run 2 of 2 \(Tanh · cross-entropy · Adam 0\.001 · 9000 · batch 64\) cannot be trained here: a hidden layer of 9000 units/,
    );
    expect(h.of('run-created')).toHaveLength(1);
    expect(h.run(first)!.state).toBe('training');
    expect(h.controller.status().runs).toHaveLength(before.runs.length);

    const [next] = await h.create([config({ epochs: 50 })], true, 'next');
    expect(h.run(first)!.state).toBe('paused');
    expect(h.of('weights', first).at(-1)?.checkpoint.step).toBe(h.run(first)!.step);
    expect(h.run(next)!.state).toBe('training');

    // A resume while the loop trains another run: it joins that loop, and both go on.
    const [pausedAt, nextAt] = [h.run(first)!.step, h.run(next)!.step];
    await h.send({ type: 'resume', runIds: [first] });
    await h.until('both to train together', () => h.run(first)!.step > pausedAt + 8 && h.run(next)!.step > nextAt + 8);
  });

  it(`keeps at most ${MAX_LIVE_RUNS} models on the device, parks the least recently used, and brings one back to predict`, async () => {
    const h = await Harness.start();
    const ids: RunId[] = [];
    for (let i = 0; i <= MAX_LIVE_RUNS; i++) ids.push(...(await h.create([config()], false, `p${i}-`)));
    const live = () => h.controller.status().runs.filter((run) => run.live).map((run) => run.id);
    expect(live()).toEqual(ids.slice(1));

    const pixels = new Float32Array(784).fill(0.5);
    const [parked, other] = await h.controller.requests.predict([ids[0], ids[1]], pixels);
    expect(parked.probabilities).toHaveLength(10);
    expect(other.probabilities).toHaveLength(10);
    // The oldest after the first, asked just now too, is kept; the next oldest made room.
    expect(live()).toEqual([ids[0], ids[1], ...ids.slice(3)]);
    expect(await h.controller.requests.predict(['nobody'], pixels)).toEqual([{ runId: 'nobody', probabilities: null }]);

    await expect(h.send({ type: 'resume', runIds: ids })).rejects.toThrow(`${MAX_LIVE_RUNS + 1} models would be on the device at once`);
    expect(h.controller.status().runs.every((run) => run.state === 'ready')).toBe(true);
    await h.send({ type: 'step', runIds: [ids[2]] });
    expect(h.run(ids[2])).toMatchObject({ live: true, step: 1 });
  });

  it('deletes a run while it trains: it leaves the loop and says no more; the others go on', async () => {
    const h = await Harness.start();
    const [gone, stays] = await h.create([config({ epochs: 50 }), config({ epochs: 50 })], true);
    await h.until('both to train', () => h.run(gone)!.step > 2 && h.run(stays)!.step > 2);
    await h.send({ type: 'delete', runId: gone });
    const said = h.messages.length;
    const step = h.run(stays)!.step;
    await h.until('the other run to go on', () => h.run(stays)!.step > step + 16);
    expect(h.messages.slice(said).filter((m) => 'runId' in m && m.runId === gone)).toEqual([]);
    expect(h.controller.status().runs.map((run) => run.id)).toEqual([stays]);
    await expect(h.send({ type: 'delete', runId: gone })).rejects.toThrow(`there is no run ${gone}`);
  });

  it('ends only the run an error struck inside its step; an error no scope caught ends every training run', async () => {
    const h = await Harness.start();
    const [struck, spared, idle] = await h.create([config({ epochs: 50 }), config({ epochs: 50 }), config()], false);
    await h.send({ type: 'resume', runIds: [struck, spared] });
    h.controller.injectError('validation', struck);
    await h.untilState(struck, 'failed');
    expect(h.of('run-failed', struck)[0].message).toMatch(/^The run was ended by a GPU error \(validation\): /);
    const step = h.run(spared)!.step;
    await h.until('the spared run to go on', () => h.run(spared)!.step > step + 8);
    expect(h.run(spared)!.state).toBe('training');

    h.controller.injectError('out-of-memory');
    await h.untilState(spared, 'failed');
    expect(h.run(idle)!.state).toBe('ready');
    expect(h.run(struck)!.live).toBe(false);
    await expect(h.send({ type: 'resume', runIds: [spared] })).rejects.toThrow(`run ${spared} was ended by an error`);
  });

  it('takes a stored run back parked, and trains it on from its checkpoint with its clock', async () => {
    const h = await Harness.start();
    const [original] = await h.create([config({ epochs: 3 })], false);
    await h.send({ type: 'step', runIds: [original] });
    await h.send({ type: 'step', runIds: [original] });
    const checkpoint: Checkpoint = h.of('weights', original).at(-1)!.checkpoint;
    const hash = h.of('run-created', original)[0].initialWeightsHash;

    const fresh = await Harness.start();
    await fresh.send({ type: 'adopt', runId: 'back', checkpoint, elapsedMs: 5000 });
    expect(fresh.of('run-created', 'back')[0]).toMatchObject({ step: 2, epoch: 0, initialWeightsHash: hash });
    expect(fresh.run('back')).toMatchObject({ state: 'paused', live: false, step: 2 });
    await fresh.send({ type: 'step', runIds: ['back'] });
    const [point] = fresh.of('progress', 'back').flatMap((m) => m.points);
    expect(point.step).toBe(3);
    expect(point.seconds).toBeGreaterThanOrEqual(5);

    await expect(fresh.send({ type: 'adopt', runId: 'back', checkpoint })).rejects.toThrow('there is already a run back');
    await expect(fresh.send({ type: 'adopt', runId: 'bad', checkpoint: { ...checkpoint, step: 7 } })).rejects.toThrow(/the stored run bad cannot be taken back: invalid checkpoint: step is 7/);
    await expect(
      fresh.send({ type: 'adopt', runId: 'done', checkpoint: { ...checkpoint, config: { ...checkpoint.config, epochs: 1 }, epoch: 1, step: 8, position: 0, optimizerSteps: 8 } }),
    ).resolves.toBeUndefined();
    expect(fresh.run('done')!.state).toBe('finished');
  });

  it('moves every live run to a new device after a loss; those that were training train on', async () => {
    const h = await Harness.start();
    const [paused] = await h.create([config({ epochs: 50 })], false, 'paused');
    await h.send({ type: 'step', runIds: [paused] });
    const race = await h.create([config({ epochs: 50 }), config({ epochs: 50, activation: 'sigmoid' })], true, 'race');
    await h.until('the race to train', () => race.every((id) => h.run(id)!.step > 8));

    h.backends[0].lose('a driver reset');
    await h.until('the move to a new device', () => h.of('phase').at(-1)?.phase === 'ready' && h.backends.length === 2);
    expect(h.of('device-lost')[0].reason).toBe('the driver or the browser gave it up: a driver reset');
    expect(h.of('phase').slice(-2).map((m) => m.phase)).toEqual(['recovering', 'ready']);
    for (const id of [paused, ...race]) {
      const restored = h.of('restored', id);
      expect(restored).toHaveLength(1);
      expect(restored[0].cause).toBe('device-lost');
    }
    expect(h.run(paused)!.state).toBe('paused');
    const steps = race.map((id) => h.run(id)!.step);
    await h.until('the race to train on', () => race.every((id, i) => h.run(id)!.step > steps[i] + 8));
    expect(race.map((id) => h.run(id)!.state)).toEqual(['training', 'training']);
  });

  it('carries out a command cut off by a lost device again on the new one, and replies once', async () => {
    const h = await Harness.start();
    const [run] = await h.create([config()], false);
    const stepping = h.send({ type: 'step', runIds: [run] });
    h.backends[0].lose('a driver reset');
    await expect(stepping).resolves.toBeUndefined();
    expect(h.backends).toHaveLength(2);
    expect(h.of('restored', run).map((m) => m.step)).toEqual([0]);
    expect(h.run(run)).toMatchObject({ state: 'paused', step: 1, checkpointStep: 1 });
    expect(h.of('weights', run).map((m) => m.checkpoint.step)).toEqual([1]);
  });
});
