// The WebGPU backend compiles pipelines asynchronously and queues work meanwhile: the queue must keep
// the order of dispatches, writes and reads, and a pipeline that fails must be reported, not lost.
import { describe, expect, it } from 'vitest';
import { defineKernel } from '../gpu/ops/kernel';
import { sumAllKernel } from '../gpu/ops/reduce';
import { webgpuEngine } from './helpers';

describe('WebGPU backend', () => {
  it('keeps writes, dispatches and reads in order while a pipeline compiles', async () => {
    const { backend } = await webgpuEngine();
    const x = backend.acquire(3, 'f32');
    const first = backend.acquire(1, 'f32');
    const second = backend.acquire(1, 'f32');
    backend.write(x, [1, 2, 3]);
    backend.run(sumAllKernel, { n: 3, cols: 0, scale: 1 }, [x, first]);
    const before = backend.counters().pipelinesCompiled;
    backend.write(x, [10, 20, 30]);
    backend.run(sumAllKernel, { n: 3, cols: 0, scale: 1 }, [x, second]);
    const [a, b] = await Promise.all([backend.read(first), backend.read(second)]);
    expect(before).toBe(0); // the work above really was queued behind the compilation
    expect([a[0], b[0]]).toEqual([6, 60]);
    expect(backend.counters().pipelinesCompiled).toBe(1);
    backend.destroy();
  });

  it('reports a kernel that does not compile, by name, from idle()', async () => {
    const { backend } = await webgpuEngine();
    const broken = defineKernel({
      name: 'broken_kernel',
      wgsl: '@compute @workgroup_size(1) fn main() { let x: u32 = 1.5; }',
      entry: 'main',
      params: {},
      workgroups: () => [1],
      cpu: () => {},
    });
    backend.run(broken, {}, []);
    await expect(backend.idle()).rejects.toThrow(/broken_kernel/);
    backend.destroy();
  });
});
