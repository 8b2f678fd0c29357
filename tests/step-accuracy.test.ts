// A read step's accuracy is the share of its batch that the model, before the step's update,
// classified right: counted again here on the CPU from the logits of the same batch.
import { describe, expect, it } from 'vitest';
import { gatherBatch } from '../gpu/ops/gather';
import { DEFAULT_CONFIG, INPUT_SIZE, LOSS_NAMES, NORMALIZATIONS, type TrainConfig } from '../gpu/train/config';
import { Trainer } from '../gpu/train/trainer';
import type { Engine } from '../gpu/tensor';
import { BACKENDS, engineOn } from './backends';
import { syntheticData } from './synthetic';

const TRAIN_COUNT = 200;

/** The rows of the batch at `position` of `order` whose first largest logit is their label. */
async function recount(engine: Engine, trainer: Trainer, order: Uint32Array, position: number, rows: number): Promise<number> {
  const orderTensor = engine.tensor([order.length], order, { dtype: 'u32' });
  const start = engine.tensor([1], [position], { dtype: 'u32' });
  const { images, labels } = trainer.data.train;
  const [logits, targets] = await engine.tidy(() => {
    const { x, y } = gatherBatch(images, labels, orderTensor, start, rows, INPUT_SIZE, NORMALIZATIONS[trainer.config.normalize]);
    return Promise.all([trainer.model.forward(x).read(), y.read()]);
  });
  engine.dispose(orderTensor);
  engine.dispose(start);
  let hits = 0;
  for (let r = 0; r < rows; r++) {
    const row = Array.from(logits.subarray(r * 10, r * 10 + 10));
    if (row.indexOf(Math.max(...row)) === targets[r]) hits++;
  }
  return hits;
}

describe.each(BACKENDS)('training accuracy on $name', (backend) => {
  for (const loss of LOSS_NAMES) {
    it(`${loss}: a read step's accuracy is its batch's right answers, counted again from the logits`, async () => {
      // No stand-ins: the recount's forward pass runs the very kernels the step's does.
      const engine = await engineOn(backend, { standIns: false });
      // 48-row batches over 200 samples: the fifth, an epoch's last, has 8.
      const config: TrainConfig = { ...DEFAULT_CONFIG, loss, hidden: [24], batchSize: 48, lossEvery: 1 };
      const trainer = new Trainer(engine, syntheticData(engine, TRAIN_COUNT, 20), config);
      const first = trainer.trainStep(); // draws the epoch's order
      expect(first.accuracy).not.toBeNull();
      await first.loss;
      let hitsInAll = 0;
      let rowsInAll = 0;
      for (let i = 0; i < 4; i++) {
        const { order, position } = await trainer.checkpoint();
        const rows = Math.min(config.batchSize, TRAIN_COUNT - position);
        const hits = await recount(engine, trainer, order, position, rows);
        const step = trainer.trainStep();
        expect(step.rows).toBe(rows);
        expect(await step.accuracy).toBe(hits / rows);
        expect(Number.isFinite(await step.loss)).toBe(true);
        hitsInAll += hits;
        rowsInAll += rows;
      }
      expect(rowsInAll).toBe(TRAIN_COUNT - config.batchSize);
      // Neither none nor all right: the count is not a constant that happened to match.
      expect(hitsInAll).toBeGreaterThan(0);
      expect(hitsInAll).toBeLessThan(rowsInAll);
      engine.backend.destroy();
    });
  }

  it('a step that reads nothing has neither loss nor accuracy', async () => {
    const engine = await engineOn(backend);
    const trainer = new Trainer(engine, syntheticData(engine, 64, 10), { ...DEFAULT_CONFIG, hidden: [8], batchSize: 16, lossEvery: 3 });
    const steps = [trainer.trainStep(), trainer.trainStep(), trainer.trainStep()];
    expect(steps.map((s) => [s.loss !== null, s.accuracy !== null])).toEqual([
      [true, true],
      [false, false],
      [true, true],
    ]);
    await Promise.all(steps.flatMap((s) => [s.loss, s.accuracy]));
    engine.backend.destroy();
  });
});
