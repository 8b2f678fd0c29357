// Device errors reach the caller as BackendErrors of their kind; a read whose data a failed
// submission may have left stale rejects instead of returning it; reads in flight when the device
// goes away reject with a clear reason (vitest fails the file on any unhandled rejection as well).
import { describe, expect, it } from 'vitest';
import { BackendError, ReadCancelledError, type Backend } from '../gpu/backend';
import { CpuBackend } from '../gpu/cpu/cpu-backend';
import { nodeWebGpuBackend } from '../gpu/cli/node-webgpu';
import { addKernel, sumAllKernel } from '../gpu/ops/reduce';

function collectErrors(backend: Backend): BackendError[] {
  const errors: BackendError[] = [];
  backend.onError((error) => errors.push(error));
  return errors;
}

describe('WebGPU device errors', () => {
  it('reports injected errors to onError listeners by kind, until unsubscribed', async () => {
    const backend = await nodeWebGpuBackend();
    const errors: BackendError[] = [];
    const unsubscribe = backend.onError((error) => errors.push(error));
    backend.injectError('validation');
    backend.injectError('out-of-memory');
    unsubscribe();
    collectErrors(backend); // someone still listens, so nothing goes to the console
    backend.injectError('validation');
    expect(errors.map((e) => e.kind)).toEqual(['validation', 'out-of-memory']);
    expect(errors.every((e) => e instanceof BackendError)).toBe(true);
    expect(errors[0].message).toMatch(/^WebGPU validation error: .*MapRead/);
    expect(errors[1].message).toMatch(/^WebGPU out-of-memory error: /);
    backend.destroy();
  });

  it('a read recorded before an error and mapped after it rejects with that error', async () => {
    const backend = await nodeWebGpuBackend();
    const errors = collectErrors(backend);
    const x = backend.acquire(3, 'f32');
    backend.write(x, [1, 2, 3]);
    const stale = backend.read(x);
    backend.injectError('validation');
    await expect(stale).rejects.toThrow(/WebGPU validation error/);
    // The device goes on: a read asked for after the error is new data.
    backend.write(x, [4, 5, 6]);
    expect(Array.from(await backend.read(x))).toEqual([4, 5, 6]);
    expect(errors.map((e) => e.kind)).toEqual(['validation']);
    backend.destroy();
  });

  it('a read queued behind a compilation rejects when an error comes before its copy is recorded', async () => {
    const backend = await nodeWebGpuBackend();
    collectErrors(backend);
    const x = backend.acquire(3, 'f32');
    const sum = backend.acquire(1, 'f32');
    backend.write(x, [1, 2, 3]);
    backend.run(sumAllKernel, { n: 3, cols: 0, scale: 1 }, [x, sum]);
    const pending = backend.read(sum);
    backend.injectError('out-of-memory');
    await expect(pending).rejects.toSatisfy((error) => error instanceof BackendError && error.kind === 'out-of-memory');
    backend.destroy();
  });

  it('a read whose own submission fails rejects: the old value never comes back as new', async () => {
    const backend = await nodeWebGpuBackend();
    const errors = collectErrors(backend);
    const [x, y, out] = [backend.acquire(4, 'f32'), backend.acquire(4, 'f32'), backend.acquire(4, 'f32')];
    backend.write(x, [1, 1, 1, 1]);
    backend.write(y, [2, 2, 2, 2]);
    backend.run(addKernel, { n: 4, cols: 0, scale: 1 }, [x, out, y]);
    expect(Array.from(await backend.read(out))).toEqual([3, 3, 3, 3]);
    backend.write(x, [10, 10, 10, 10]);
    // One buffer short of the kernel's bindings: the bind group is invalid, so is the submission.
    backend.run(addKernel, { n: 4, cols: 0, scale: 1 }, [x, out]);
    await expect(backend.read(out)).rejects.toThrow(/WebGPU validation error/);
    expect(errors.length).toBeGreaterThan(0);
    backend.destroy();
  });

  it('guard() rejects with the error its scopes caught, which then never reaches onError', async () => {
    const backend = await nodeWebGpuBackend();
    const errors = collectErrors(backend);
    const guarded = backend.guard(async () => backend.injectError('validation'));
    await expect(guarded).rejects.toSatisfy((error) => error instanceof BackendError && error.kind === 'validation');
    expect(errors).toEqual([]);
    expect(await backend.guard(async () => 42)).toBe(42);
    await expect(backend.guard(() => Promise.reject(new Error('built badly')))).rejects.toThrow('built badly');
    backend.destroy();
  });
});

describe('WebGPU scoped()', () => {
  it('catches an error raised inside it, as a BackendError of its kind, which never reaches onError', async () => {
    const backend = await nodeWebGpuBackend();
    const errors = collectErrors(backend);
    const scoped = backend.scoped(() => {
      backend.injectError('validation');
      return 'done';
    });
    expect(scoped.result).toBe('done');
    const caught = await scoped.error;
    expect(caught).toBeInstanceOf(BackendError);
    expect(caught?.kind).toBe('validation');
    expect(caught?.message).toMatch(/^WebGPU validation error: .*MapRead/);
    expect(errors).toEqual([]);
    // Outside a scope, the same error goes to the listeners as before.
    backend.injectError('validation');
    expect(errors.map((e) => e.kind)).toEqual(['validation']);
    backend.destroy();
  });

  it('resolves null when nothing failed; scopes side by side catch only their own', async () => {
    const backend = await nodeWebGpuBackend();
    const errors = collectErrors(backend);
    const x = backend.acquire(4, 'f32');
    const clean = backend.scoped(() => backend.write(x, [1, 2, 3, 4]));
    const failing = backend.scoped(() => backend.injectError('validation'));
    const nested = backend.scoped(() => backend.scoped(() => backend.injectError('validation')).error);
    expect(await clean.error).toBeNull();
    expect((await failing.error)?.kind).toBe('validation');
    expect((await nested.result)?.kind).toBe('validation');
    expect(await nested.error).toBeNull();
    expect(errors).toEqual([]);
    backend.destroy();
  });

  it('a read asked for inside a scope that caught an error rejects with it; one outside comes back', async () => {
    const backend = await nodeWebGpuBackend();
    const errors = collectErrors(backend);
    const x = backend.acquire(3, 'f32');
    backend.write(x, [1, 2, 3]);
    const inside = backend.scoped(() => {
      const read = backend.read(x);
      backend.injectError('validation');
      return read;
    });
    const outside = backend.read(x);
    await expect(inside.result).rejects.toBe(await inside.error);
    expect(Array.from(await outside)).toEqual([1, 2, 3]);
    expect(errors).toEqual([]);
    backend.destroy();
  });

  it('work that throws throws, and its scopes are popped: later errors reach the listeners again', async () => {
    const backend = await nodeWebGpuBackend();
    const errors = collectErrors(backend);
    expect(() =>
      backend.scoped(() => {
        throw new Error('encoded badly');
      }),
    ).toThrow('encoded badly');
    backend.injectError('validation');
    expect(errors.map((e) => e.kind)).toEqual(['validation']);
    backend.destroy();
  });

  it("the injected out-of-memory error is uncaptured even inside a scope (it stands for a fault that no scope can attribute)", async () => {
    const backend = await nodeWebGpuBackend();
    const errors = collectErrors(backend);
    const scoped = backend.scoped(() => backend.injectError('out-of-memory'));
    expect(await scoped.error).toBeNull();
    expect(errors.map((e) => e.kind)).toEqual(['out-of-memory']);
    backend.destroy();
  });
});

describe('WebGPU reads when the device goes away', () => {
  it('destroy() with reads in flight rejects each with a cancellation, not an AbortError', async () => {
    const backend = await nodeWebGpuBackend();
    const x = backend.acquire(1024, 'f32');
    const sum = backend.acquire(1, 'f32');
    backend.write(x, new Float32Array(1024).fill(1));
    const direct = backend.read(x);
    backend.run(sumAllKernel, { n: 1024, cols: 0, scale: 1 }, [x, sum]);
    const queued = backend.read(sum); // behind the kernel's compilation
    backend.destroy();
    for (const read of [direct, queued]) {
      await expect(read).rejects.toThrow('read-back cancelled: the WebGPU backend was destroyed');
      // A cancellation says so by its type: the worker lets it go, and handles the loss itself.
      await expect(read).rejects.toBeInstanceOf(ReadCancelledError);
    }
    await expect(backend.read(x)).rejects.toThrow('read-back refused: the WebGPU backend was destroyed');
  });

  it('a device lost under a read rejects it with the reason', async () => {
    const backend = await nodeWebGpuBackend();
    const x = backend.acquire(1024, 'f32');
    backend.write(x, new Float32Array(1024).fill(1));
    const read = backend.read(x);
    backend.device.destroy(); // as a driver reset would: the backend itself is not told
    await expect(read).rejects.toThrow(/^read-back cancelled: the GPU device was lost/);
    await expect(read).rejects.toBeInstanceOf(ReadCancelledError);
    expect(await backend.lost).toMatchObject({ reason: 'destroyed' });
    backend.destroy();
  });
});

describe('CPU backend faults', () => {
  it('injectError() reports a BackendError of that kind to the onError listeners; guard() just runs', async () => {
    const backend = new CpuBackend();
    const errors = collectErrors(backend);
    backend.injectError('out-of-memory');
    backend.injectError('validation');
    expect(errors.map((e) => [e.kind, e instanceof BackendError])).toEqual([
      ['out-of-memory', true],
      ['validation', true],
    ]);
    expect(errors[0].message).toMatch(/out-of-memory error/);
    expect(await backend.guard(async () => 'built')).toBe('built');
  });

  it('scoped() catches an injected validation error, and the reads inside it fail with it, as on WebGPU', async () => {
    const backend = new CpuBackend();
    const errors = collectErrors(backend);
    const x = backend.acquire(2, 'f32');
    backend.write(x, [5, 6]);
    const clean = backend.scoped(() => backend.read(x));
    const failing = backend.scoped(() => {
      const read = backend.read(x);
      backend.injectError('validation');
      return read;
    });
    const outOfMemory = backend.scoped(() => backend.injectError('out-of-memory'));
    expect(await clean.error).toBeNull();
    expect(Array.from(await clean.result)).toEqual([5, 6]);
    const caught = await failing.error;
    expect(caught?.kind).toBe('validation');
    await expect(failing.result).rejects.toBe(caught);
    expect(await outOfMemory.error).toBeNull();
    expect(errors.map((e) => e.kind)).toEqual(['out-of-memory']);
    expect(() =>
      backend.scoped(() => {
        throw new Error('encoded badly');
      }),
    ).toThrow('encoded badly');
    backend.injectError('validation');
    expect(errors.map((e) => e.kind)).toEqual(['out-of-memory', 'validation']);
  });
});
