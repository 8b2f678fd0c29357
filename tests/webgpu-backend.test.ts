// The WebGPU backend compiles pipelines asynchronously and queues work meanwhile: the queue must keep
// the order of dispatches, writes and reads, and a pipeline that fails must be reported, not lost.
// Kernels slow to compile run a stand-in meanwhile, to the same results. Small writes ride along with the recorded work.
import { describe, expect, it } from 'vitest';
import type { DeviceBuffer } from '../gpu/backend';
import brokenWgsl from './fixtures/broken-kernel.wgsl';
import { defineKernel } from '../gpu/ops/kernel';
import { stepMetrics } from '../gpu/ops/classes';
import { scaleByKernel, sumAllKernel } from '../gpu/ops/reduce';
import { hiddenLayer, linear } from '../gpu/ops/matmul';
import { softmaxCrossEntropy } from '../gpu/ops/losses';
import type { Engine } from '../gpu/tensor';
import type { WebGpuBackend } from '../gpu/webgpu/webgpu-backend';
import { Random } from '../gpu/nn/random';
import { expectClose, randomArray, referenceEngine, webgpuEngine } from './helpers';

describe('WebGPU only: the backend', () => {
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

  it('records small writes in order with the dispatches, without a submission of their own', async () => {
    const { backend } = await webgpuEngine();
    const sum = (x: DeviceBuffer, out: DeviceBuffer) => backend.run(sumAllKernel, { n: x.length, cols: 0, scale: 1 }, [x, out]);
    const x = backend.acquire(3, 'f32');
    const [first, second] = [backend.acquire(1, 'f32'), backend.acquire(1, 'f32')];
    backend.write(x, [0, 0, 0]);
    sum(x, first);
    await backend.compiled();
    await backend.idle();
    const before = backend.counters().submissions;
    backend.write(x, [1, 2, 3]);
    sum(x, first);
    backend.write(x, [10, 20, 30]);
    sum(x, second);
    backend.flush();
    const submitted = backend.counters().submissions - before;
    const [a, b] = await Promise.all([backend.read(first), backend.read(second)]);
    expect([a[0], b[0]]).toEqual([6, 60]);
    expect(submitted).toBe(1);
    backend.destroy();
  });

  it('keeps writes in order when they outgrow what rides along: large ones, and more small ones than fit', async () => {
    const { backend } = await webgpuEngine();
    const sum = (x: DeviceBuffer, out: DeviceBuffer) => backend.run(sumAllKernel, { n: x.length, cols: 0, scale: 1 }, [x, out]);
    // 1000 floats ride along, 20 of them fill the upload ring more than once; 5000 do not.
    const small = backend.acquire(1000, 'f32');
    const large = backend.acquire(5000, 'f32');
    const sums = Array.from({ length: 21 }, () => backend.acquire(1, 'f32'));
    for (let i = 0; i < 20; i++) {
      backend.write(small, new Float32Array(1000).fill(i));
      sum(small, sums[i]);
    }
    backend.write(large, new Float32Array(5000).fill(1));
    sum(large, sums[20]);
    backend.write(large, new Float32Array(5000).fill(2));
    const got = await Promise.all(sums.map((s) => backend.read(s)));
    expect(got.map((g) => g[0])).toEqual([...Array.from({ length: 20 }, (_, i) => 1000 * i), 5000]);
    expect((await backend.read(large))[4999]).toBe(2);
    backend.destroy();
  });

  it('runs a stand-in while a slow kernel compiles, then the kernel itself', async () => {
    const engine = await webgpuEngine();
    const random = new Random(3);
    const x = engine.tensor([40, 24], randomArray(random, 40 * 24));
    const w = engine.tensor([12, 24], randomArray(random, 12 * 24));
    const b = engine.tensor([12], randomArray(random, 12));
    const reference = referenceEngine();
    const want = linear(reference.tensor(x.shape, await x.read()), reference.tensor(w.shape, await w.read()), reference.tensor(b.shape, await b.read()));
    const compiledBefore = engine.backend.counters().pipelinesCompiled;
    const first = engine.tidy(() => linear(x, w, b));
    expectClose(await first.read(), await want.read(), 1e-5, 1e-5, 'with the stand-in');
    const standIns = engine.backend.counters().pipelinesCompiled - compiledBefore;
    await engine.backend.compiled();
    const later = engine.tidy(() => linear(x, w, b));
    expectClose(await later.read(), await want.read(), 1e-5, 1e-5, 'with the register kernel');
    expect(standIns).toBe(1);
    expect(engine.backend.counters().pipelinesCompiled - compiledBefore).toBe(2);
    engine.backend.destroy();
  });

  it("stands in for every product of a two-layer step, forward and backward, with one pipeline: the hidden layers' activation's quick kernel", async () => {
    const engine = await webgpuEngine();
    const compiles: string[] = [];
    const { device } = engine.backend as WebGpuBackend;
    const create = device.createComputePipelineAsync.bind(device);
    device.createComputePipelineAsync = (descriptor: GPUComputePipelineDescriptor) => {
      compiles.push(descriptor.label ?? '?');
      return create(descriptor);
    };
    const random = new Random(7);
    // 24 → 16 takes its weight gradient as (xᵀ·dy)ᵀ with dy transposed, 16 → 10 as dyᵀ·x; the
    // hidden layer's input gradient applies tanh' as it is stored, transposed.
    const shapes = { x: [40, 24], w1: [16, 24], b1: [16], w2: [10, 16], b2: [10] };
    const data = Object.fromEntries(Object.entries(shapes).map(([name, shape]) => [name, randomArray(random, shape.reduce((a, b) => a * b))]));
    const labels = Uint32Array.from({ length: 40 }, (_, i) => (i * 3) % 10);
    const gradients = async (e: Engine) => {
      const [x, w1, b1, w2, b2] = Object.entries(shapes).map(([name, shape]) => e.tensor(shape, data[name], { requiresGrad: name !== 'x' }));
      const y = e.tensor([40], labels, { dtype: 'u32' });
      e.tidy(() => softmaxCrossEntropy(linear(hiddenLayer(x, w1, b1, 'tanh'), w2, b2), y).backward());
      return Promise.all([w1, b1, w2, b2].map((t) => t.grad!.read()));
    };
    const got = await gradients(engine);
    const matmuls = compiles.filter((label) => label.startsWith('matmul_'));
    const want = await gradients(referenceEngine());
    got.forEach((g, i) => expectClose(g, want[i], 1e-5, 1e-4, `gradient ${i}`));
    expect(matmuls.filter((label) => label.startsWith('matmul_quick'))).toEqual(['matmul_quick_tanh|matmul|{}']);
    // Every product asked for its register kernel too, compiled in the background.
    expect(matmuls.length).toBeGreaterThan(4);
    engine.backend.destroy();
  });

  it("counts a step's correct predictions with step_metrics' stand-in as with step_metrics itself", async () => {
    const engine = await webgpuEngine();
    const random = new Random(5);
    // More rows than step_metrics' 256 lanes, so that its lanes count several rows each.
    const [rows, classes] = [300, 10];
    const scores = engine.tensor([rows, classes], randomArray(random, rows * classes));
    const labels = engine.tensor([rows], Uint32Array.from({ length: rows }, (_, i) => (i * 7) % classes), { dtype: 'u32' });
    const loss = engine.tensor([1], [0.75]);
    const values = await scores.read();
    let hits = 0;
    for (let r = 0; r < rows; r++) {
      const row = Array.from(values.subarray(r * classes, (r + 1) * classes));
      if (row.indexOf(Math.max(...row)) === (r * 7) % classes) hits++;
    }
    const compiledBefore = engine.backend.counters().pipelinesCompiled;
    // The first call runs the stand-in (step_metrics has not compiled yet), the second step_metrics.
    const first = await engine.tidy(() => stepMetrics(scores, labels, loss)).read();
    await engine.backend.compiled();
    const later = await engine.tidy(() => stepMetrics(scores, labels, loss)).read();
    expect(hits).toBeGreaterThan(0);
    expect([Array.from(first), Array.from(later)]).toEqual([
      [0.75, hits],
      [0.75, hits],
    ]);
    expect(engine.backend.counters().pipelinesCompiled - compiledBefore).toBe(2);
    engine.backend.destroy();
  });

  it('reports a kernel that does not compile, by name, from idle()', async () => {
    const { backend } = await webgpuEngine();
    const broken = defineKernel({
      name: 'broken_kernel',
      wgsl: brokenWgsl,
      entry: 'main',
      params: {},
      workgroups: () => [1],
      cpu: () => {},
    });
    backend.run(broken, {}, []);
    await expect(backend.idle()).rejects.toThrow(/broken_kernel/);
    backend.destroy();
  });

  it('records each dispatch once its own pipeline is ready: the work queued ahead of a kernel that does not compile is done', async () => {
    const { backend } = await webgpuEngine();
    const broken = defineKernel({ name: 'broken_kernel', wgsl: brokenWgsl, entry: 'main', params: {}, workgroups: () => [1], cpu: () => {} });
    const x = backend.acquire(3, 'f32');
    const sum = backend.acquire(1, 'f32');
    backend.write(x, [1, 2, 3]);
    backend.run(sumAllKernel, { n: 3, cols: 0, scale: 1 }, [x, sum]);
    backend.run(broken, {}, []);
    await expect(backend.idle()).rejects.toThrow(/broken_kernel/);
    // A kernel compiled afresh starts a new queue, which the read waits for, as it waits for any.
    backend.run(scaleByKernel, { n: 1, cols: 0, scale: 1 }, [sum, backend.acquire(1, 'f32'), sum]);
    expect((await backend.read(sum))[0]).toBe(6);
    backend.destroy();
  });
});
