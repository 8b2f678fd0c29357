// The engine's layer statistics against PyTorch's (tests/op-cases/torch-layer-stats.json, written by
// scripts/pytorch-layer-stats.py): on the same real MNIST images and weights, the probe's counts
// exactly, the mean slope, and one SGD step's gradient, weight and update norms.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActivationName } from '../gpu/ops/activation';
import { DEFAULT_CONFIG, type TrainConfig } from '../gpu/train/config';
import { uploadMnist } from '../gpu/train/device-data';
import type { Engine } from '../gpu/tensor';
import { Trainer } from '../gpu/train/trainer';
import { VALUE_BACKENDS, engineOn } from './backends';
import { expectClose } from './helpers';

interface Split {
  images: string;
  labels: number[];
}

interface LayerCase {
  name: string;
  config: Pick<TrainConfig, 'hidden' | 'loss' | 'optimizer' | 'lr' | 'batchSize' | 'normalize'> & { activation: ActivationName };
  parameters: string[];
  expected: {
    probe: { units: number; dead: number | null; saturated: number; meanAbsDerivative: number; histogram: number[] }[];
    norms: { gradNorm: number; weightNorm: number; updateNorm: number; updateRatio: number }[];
  };
}

const file = JSON.parse(readFileSync(new URL('./op-cases/torch-layer-stats.json', import.meta.url), 'utf8')) as {
  format: string;
  train: Split;
  test: Split;
  cases: LayerCase[];
};

const bytes = (text: string) => new Uint8Array(Buffer.from(text, 'base64'));
const set = ({ images, labels }: Split) => ({ images: bytes(images), labels: Uint8Array.from(labels), count: labels.length });
const floats = (text: string) => {
  const b = bytes(text);
  return new Float32Array(b.buffer, b.byteOffset, b.byteLength / 4);
};

describe("PyTorch's layer statistics", () => {
  it('hold a case for each of ReLU, sigmoid and tanh, with dead and saturated units to count', () => {
    expect(file.format).toBe('layer-stats/1');
    expect(file.cases.map((c) => c.config.activation)).toEqual(['relu', 'sigmoid', 'tanh']);
    expect(file.cases[0].expected.probe.every((l) => l.dead! > 0)).toBe(true);
    expect(file.cases.every((c) => c.expected.probe[0].saturated > 0)).toBe(true);
  });

  describe.each(VALUE_BACKENDS)('on $name', (backend) => {
    // One device for the suite: its pipelines compile once.
    let engine: Engine;
    beforeAll(async () => {
      engine = await engineOn(backend, { standIns: false });
    });
    afterAll(() => engine.backend.destroy());

    it.each(file.cases.map((c) => [c.name, c] as const))('%s', async (_, c) => {
      const data = uploadMnist(engine, { train: set(file.train), test: set(file.test) });
      const trainer = new Trainer(engine, data, { ...DEFAULT_CONFIG, ...c.config, epochs: 1 });
      trainer.model.parameters().forEach((p, i) => engine.backend.write(p.buffer, floats(c.parameters[i])));

      const health = await trainer.probe();
      health.layers.forEach((layer, i) => {
        const want = c.expected.probe[i];
        expect(layer.histogram.counts).toEqual(want.histogram);
        expect(layer.deadFraction).toBe(want.dead === null ? null : want.dead / want.units);
        expect(layer.saturatedFraction).toBe(want.saturated / want.units);
        expectClose([layer.meanAbsDerivative], [want.meanAbsDerivative], 1e-6, 1e-5, `layer ${i} mean |f′|`);
      });

      trainer.requestNorms();
      const norms = (await trainer.trainStep().norms)!;
      norms.layers.forEach((n, i) => {
        const want = c.expected.norms[i];
        const [got, expected] = [n, want].map((v) => [v.gradNorm, v.weightNorm, v.updateNorm, v.updateRatio]);
        expectClose(got, expected, 1e-7, 1e-4, `layer ${i} norms`);
      });
      trainer.dispose();
      for (const split of [data.train, data.test]) for (const t of [split.images, split.labels]) engine.dispose(t);
    });
  });
});
