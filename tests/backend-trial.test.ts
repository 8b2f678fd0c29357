import { describe, expect, it } from 'vitest';
import { CpuBackend } from '../gpu';
import { nodeWasmBackend } from '../gpu/cli/node-wasm';
import { timeSteps } from '../app/worker/backend-trial';

describe("Auto's trial", () => {
  it('times a step on each backend and leaves nothing behind', async () => {
    for (const backend of [new CpuBackend('f32'), await nodeWasmBackend()]) {
      const before = backend.counters();
      const ms = await timeSteps(backend);
      expect(ms).toBeGreaterThan(0);
      const after = backend.counters();
      expect({ buffers: after.buffersHeld, bytes: after.bytesHeld, pooled: after.pooledBuffers }).toEqual({
        buffers: before.buffersHeld,
        bytes: before.bytesHeld,
        pooled: before.pooledBuffers,
      });
      backend.destroy();
    }
  });
});
