// The worker's side of "Inside the network", on the CPU backend with the synthetic dataset: the
// watched runs' norms and unit health while they train and when they stop, the confusion counts
// (after each epoch and when asked), an input inspected, an activation's curve, a cell's images,
// and the rollback of a run that is stuck after a rollback.
import { afterEach, describe, expect, it } from 'vitest';
import { CLASSES } from '../gpu';
import { Harness, config, stopHarnesses } from './worker-harness';

afterEach(stopHarnesses);

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
const diagonal = (counts: readonly number[]) => sum(Array.from({ length: CLASSES }, (_, c) => counts[c * CLASSES + c]));

describe('the worker: inside the network', () => {
  it('samples the watched runs’ norms and health while they train, leaves the others be, and probes a watched run when it stops', async () => {
    const h = await Harness.start();
    const [watched, other] = await h.create([config({ hidden: [16, 8], epochs: 50 }), config({ epochs: 50 })], false);
    await h.send({ type: 'watch', runIds: [watched, 'not-yet-built'] });
    // A stopped run with its model on the device is probed once when it becomes watched.
    await h.until('the probe of the watched run', () => h.of('health', watched).length === 1);
    expect(h.of('health', watched)[0].stats.step).toBe(0);

    await h.send({ type: 'resume', runIds: [watched, other] });
    await h.until('norms and health while it trains', () => h.of('norms', watched).length >= 2 && h.of('health', watched).length >= 2);
    const norms = h.of('norms', watched).at(-1)!.stats;
    expect(norms.layers).toHaveLength(3);
    for (const layer of norms.layers) expect(layer.gradNorm > 0 && layer.weightNorm > 0 && layer.updateRatio > 0).toBe(true);
    const health = h.of('health', watched).at(-1)!;
    expect(health.stats.layers.map((layer) => layer.units)).toEqual([16, 8]);
    expect(sum(health.stats.layers[0].histogram.counts)).toBe(100 * 16);
    expect(health.weights).toMatchObject({ units: 16, inputs: 784 });
    expect(h.of('norms', other)).toEqual([]);
    expect(h.of('health', other)).toEqual([]);
    // One of each in flight at most: norms come at steps in order.
    const steps = h.of('norms', watched).map((m) => m.stats.step);
    expect(steps).toEqual([...steps].sort((a, b) => a - b));

    await h.send({ type: 'pause', runIds: [watched, other] });
    await h.until('the probe at the stop', () => h.of('health', watched).at(-1)!.stats.step === h.run(watched)!.step);
    // A single step of a watched run carries its norms.
    await h.send({ type: 'step', runIds: [watched] });
    await h.until('the step’s norms', () => h.of('norms', watched).at(-1)!.stats.step === h.run(watched)!.step);

    await h.send({ type: 'watch', runIds: [] });
    const said = h.messages.length;
    await h.send({ type: 'step', runIds: [watched] });
    await h.send({ type: 'resume', runIds: [watched] });
    const step = h.run(watched)!.step;
    await h.until('training on', () => h.run(watched)!.step > step + 8);
    expect(h.messages.slice(said).filter((m) => m.type === 'norms' || m.type === 'health')).toEqual([]);
  });

  it('counts the confusion of the test set after each epoch and when asked, a parked run brought back for it', async () => {
    const h = await Harness.start();
    const [run] = await h.create([config({ epochs: 1 })], true);
    await h.untilState(run, 'finished');
    const [epoch] = h.of('epoch', run);
    expect(epoch.confusion).toHaveLength(CLASSES * CLASSES);
    expect(sum(epoch.confusion)).toBe(100);
    expect(diagonal(epoch.confusion) / 100).toBeCloseTo(epoch.testAccuracy, 12);

    await h.send({ type: 'evaluate', runId: run });
    const [asked] = h.of('confusion', run);
    expect(asked).toMatchObject({ step: 8, counts: epoch.confusion, accuracy: epoch.testAccuracy });

    // Parked to make room for others, it comes back to be evaluated.
    for (let i = 0; i < 8; i++) await h.create([config()], false, `room${i}-`);
    expect(h.run(run)!.live).toBe(false);
    await h.send({ type: 'evaluate', runId: run });
    expect(h.of('confusion', run)).toHaveLength(2);
    expect(h.run(run)!.live).toBe(true);

    const [training] = await h.create([config({ epochs: 50 })], true, 'busy');
    await expect(h.send({ type: 'evaluate', runId: training })).rejects.toThrow(`run ${training} is training`);
  });

  it('lists a confusion cell’s test images with the model’s probabilities, once the run has been evaluated', async () => {
    const h = await Harness.start();
    const [run] = await h.create([config({ epochs: 1 })], false);
    const { requests } = h.controller;
    await expect(requests.confusionCell(run, 3, 3, 5)).rejects.toThrow(`run ${run} has not been evaluated yet`);
    await h.send({ type: 'step', runIds: [run] });
    await h.send({ type: 'evaluate', runId: run });
    const { counts } = h.of('confusion', run)[0];
    const actual = 3;
    const predicted = counts.slice(actual * CLASSES, (actual + 1) * CLASSES).findIndex((count) => count > 0);
    const cell = await requests.confusionCell(run, actual, predicted, 4);
    expect(cell.total).toBe(counts[actual * CLASSES + predicted]);
    expect(cell.images).toHaveLength(Math.min(4, cell.total));
    for (const image of cell.images) {
      expect(image.label).toBe(actual);
      expect(image.image).toHaveLength(784);
      expect(image.image[0]).toBe(image.index % 256);
      expect(image.probabilities).toHaveLength(CLASSES);
      expect(sum(image.probabilities)).toBeCloseTo(1, 5);
    }
    await expect(requests.confusionCell(run, 3, 10, 4)).rejects.toThrow('two classes from 0 to 9');
  });

  it('inspects a test image or a drawing: logits, probabilities, all three losses, the first layer', async () => {
    const h = await Harness.start();
    const [run] = await h.create([config({ hidden: [16] })], false);
    const { requests } = h.controller;
    const image = await requests.inspect(run, { testIndex: 13 }, null);
    expect(image.target).toBe(3);
    expect(image.logits).toHaveLength(CLASSES);
    expect(sum(image.probabilities)).toBeCloseTo(1, 5);
    expect(Object.keys(image.losses).sort()).toEqual(['bce', 'cross-entropy', 'mse']);
    expect(image.firstLayer?.z).toHaveLength(16);
    const drawing = await requests.inspect(run, { pixels: new Float32Array(784).fill(0.5) }, 7);
    expect(drawing.target).toBe(7);
    await expect(requests.inspect('nobody', { testIndex: 0 }, null)).rejects.toThrow('there is no run nobody');
  });

  it('draws an activation through the backend’s kernels, once per activation', async () => {
    const h = await Harness.start();
    const curve = await h.controller.requests.activationCurve('tanh');
    expect(curve.xs).toHaveLength(49);
    const origin = curve.xs.indexOf(0);
    expect(curve.f[origin]).toBe(0);
    expect(curve.df[origin]).toBeCloseTo(1, 6);
    expect(h.controller.requests.activationCurve('tanh')).toBe(h.controller.requests.activationCurve('tanh'));
    await expect(h.controller.requests.activationCurve('swish' as never)).rejects.toThrow('there is no activation swish');
  });

  it('rolls a run stuck after a rollback back to where that rollback went, with the next tenth of its learning rate', async () => {
    const h = await Harness.start();
    // On the synthetic set (random pixels) SGD at 10 blows up, and at 1 sits at the chance level: stuck, as the run was.
    const [run, calm] = await h.create([config({ optimizer: 'sgd', lr: 10, hidden: [64, 64], lossEvery: 1, epochs: 20 }), config({ epochs: 20 })], true);
    await expect(h.send({ type: 'rollback', runId: calm })).rejects.toThrow('only a diverged run, or one rolled back before');
    await h.untilState(run, 'diverged');
    await h.send({ type: 'rollback', runId: run });
    const origin = h.of('restored', run).at(-1)!.step;
    expect(h.run(run)!.config.lr).toBe(1);
    // Its last good checkpoint moves on past the rollback's: a stuck run goes back further than a diverged one would.
    await h.until('a good checkpoint past the origin', () => h.run(run)!.checkpointStep > origin);

    // Whether it trains on or has stopped, it goes back to the same checkpoint.
    await h.send({ type: 'rollback', runId: run });
    expect(h.of('restored', run).at(-1)).toMatchObject({ cause: 'rollback', step: origin, config: { lr: 0.1 } });
    expect(h.run(run)!.state).toBe('training');
    await h.send({ type: 'pause', runIds: [run] });
    await h.send({ type: 'rollback', runId: run });
    expect(h.of('restored', run).at(-1)).toMatchObject({ cause: 'rollback', step: origin, config: { lr: 0.01 } });
    expect(h.run(run)!.state).toBe('training');
    expect(h.of('diverged', run)).toHaveLength(1);
  });
});
