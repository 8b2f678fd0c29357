// Another backend chosen while runs live: the worker moves them through its recovery from a lost
// device, each from the step it is at (checkpointed just before), and those training train on.
import { afterEach, expect, it } from 'vitest';
import { Harness, config, stopHarnesses } from './worker-harness';

afterEach(stopHarnesses);

it('moves every live run to the backend chosen from its step; those that were training train on', async () => {
  const h = await Harness.start();
  const [paused] = await h.create([config({ epochs: 50 })], false, 'paused');
  for (let i = 0; i < 3; i++) await h.send({ type: 'step', runIds: [paused] });
  const [training] = await h.create([config({ epochs: 50 })], true, 'training');
  await h.until('the run to train', () => h.run(training)!.step > 8);
  const before = h.run(training)!.step;

  await h.send({ type: 'set-backend', backend: 'wasm' });
  expect(h.choices).toEqual(['auto', 'wasm']);
  expect(h.backends).toHaveLength(2);
  expect(h.of('backend')).toHaveLength(2);
  const [moved] = h.of('restored', training);
  expect(moved.cause).toBe('backend-changed');
  expect(moved.step).toBeGreaterThanOrEqual(before);
  expect(h.of('restored', paused).map((m) => [m.cause, m.step])).toEqual([['backend-changed', 3]]);
  expect(h.run(paused)).toMatchObject({ state: 'paused', step: 3 });
  // A change is no incident: no device is said lost, and the worker never shows 'recovering'.
  expect(h.of('device-lost')).toEqual([]);
  expect(h.of('phase').map((m) => m.phase)).not.toContain('recovering');

  await h.until('the run to train on', () => h.run(training)!.step > moved.step + 8);
  expect(h.run(training)!.state).toBe('training');
  const after = h.of('progress', training).flatMap((m) => m.points).filter((p) => p.step > moved.step);
  expect(after.length).toBeGreaterThan(0);
  expect(after.every((p) => Number.isFinite(p.loss) && p.loss < 5)).toBe(true);
});
