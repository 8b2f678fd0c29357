// ?limits=default asks for WebGPU's default limits, as a small GPU has: only the limits may change.
import { expect, it } from 'vitest';
import { nodeWebGpuBackend } from '../gpu/cli/node-webgpu';
import { capacityOf } from '../gpu/train/memory';

it('a device with default limits keeps the features and kernels of the usual one, with smaller buffers and budget', async () => {
  const usual = await nodeWebGpuBackend();
  const small = await nodeWebGpuBackend(undefined, 'default');
  expect([...small.device.features].sort()).toEqual([...usual.device.features].sort());
  expect(small.tuning).toEqual(usual.tuning);
  // SwiftShader has four-wide subgroups, which the register matmul uses: the check above means something here.
  expect(usual.tuning.subgroups).toBe(true);
  // WebGPU's default maxStorageBufferBindingSize: 128 MiB.
  expect(small.maxBufferElements).toBe((128 * 2 ** 20) / 4);
  expect(usual.maxBufferElements).toBeGreaterThanOrEqual(small.maxBufferElements);
  expect(capacityOf(small).memoryBudgetBytes).toBe(512 * 2 ** 20);
  usual.destroy();
  small.destroy();
});
