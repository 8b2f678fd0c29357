// What the WebAssembly backend adds to the suites every backend runs (tests/backends.ts): its
// buffers are regions of one memory, which grows, gives regions back, and keeps each kernel
// inside its own buffers.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nodeWasmBackend } from '../gpu/cli/node-wasm';
import { defineKernel } from '../gpu/ops/kernel';
import { activation } from '../gpu/ops/activation';
import { Engine } from '../gpu/tensor';
import { Arena } from '../gpu/wasm/arena';

const memory = () => new WebAssembly.Memory({ initial: 1, maximum: 100 });

describe('the wasm backend’s arena', () => {
  it('hands out disjoint regions on 16 bytes, growing the memory past its first page', () => {
    const arena = new Arena(memory(), 1000);
    const sizes = [4, 40_000, 12, 64, 100_000];
    const regions = sizes.map((bytes) => ({ offset: arena.allocate(bytes), bytes }));
    for (const r of regions) expect(r.offset % 16).toBe(0);
    expect(regions[0].offset).toBeGreaterThanOrEqual(1000);
    const sorted = [...regions].sort((a, b) => a.offset - b.offset);
    for (let i = 1; i < sorted.length; i++) expect(sorted[i].offset).toBeGreaterThanOrEqual(sorted[i - 1].offset + sorted[i - 1].bytes);
    expect(arena.memory.buffer.byteLength).toBeGreaterThanOrEqual(sorted[sorted.length - 1].offset + 100_000);
  });

  it('reuses a freed region, merges freed neighbours, and gives the top back', () => {
    const arena = new Arena(memory(), 0);
    const a = arena.allocate(64);
    const b = arena.allocate(64);
    const c = arena.allocate(64);
    arena.allocate(64);
    arena.free(b, 64);
    expect(arena.allocate(48)).toBe(b);
    arena.free(b, 48);
    arena.free(a, 64);
    // a and b merged: 128 bytes fit where they were.
    expect(arena.allocate(128)).toBe(a);
    arena.free(a, 128);
    arena.free(c, 64);
    // a, b and c merged with each other; a region bigger than them comes from the top, which is past d.
    expect(arena.allocate(200)).toBeGreaterThan(c);
  });

  it('never hands out bytes of a live region, the first one (the threads’ control block) included, as it grows and frees', () => {
    const step = fc.oneof(fc.record({ allocate: fc.integer({ min: 1, max: 300_000 }) }), fc.record({ free: fc.nat() }));
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
        const arena = new Arena(new WebAssembly.Memory({ initial: 1, maximum: 400 }), 1024);
        const live = [{ offset: arena.allocate(64), bytes: 64 }];
        for (const s of steps) {
          if ('free' in s) {
            // Any live region but the first, which lives as long as the backend.
            if (live.length > 1) {
              const [gone] = live.splice(1 + (s.free % (live.length - 1)), 1);
              arena.free(gone.offset, gone.bytes);
            }
            continue;
          }
          const region = { offset: arena.allocate(s.allocate), bytes: s.allocate };
          expect(region.offset % 16).toBe(0);
          expect(region.offset + region.bytes).toBeLessThanOrEqual(arena.memory.buffer.byteLength);
          for (const other of live) {
            expect(region.offset + region.bytes <= other.offset || other.offset + other.bytes <= region.offset).toBe(true);
          }
          live.push(region);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('says so when the memory cannot grow', () => {
    const arena = new Arena(memory(), 0);
    expect(() => arena.allocate(200 * 65_536)).toThrow(/out-of-memory.*cannot grow/);
  });
});

describe('the wasm backend', () => {
  it('keeps what buffers hold when the memory grows under them', async () => {
    const backend = await nodeWasmBackend();
    const small = backend.acquire(5, 'f32');
    backend.write(small, [1, 2, 3, 4, 5]);
    const labels = backend.acquire(3, 'u32');
    backend.write(labels, [7, 8, 9]);
    const big = backend.acquire(4_000_000, 'f32');
    backend.write(big, [42], 3_999_999);
    expect(Array.from(await backend.read(small))).toEqual([1, 2, 3, 4, 5]);
    expect(await backend.read(labels)).toBeInstanceOf(Uint32Array);
    expect(Array.from(await backend.read(labels))).toEqual([7, 8, 9]);
    expect((await backend.read(big))[3_999_999]).toBe(42);
    backend.destroy();
  });

  it('an elementwise kernel of 5 elements writes no further than its own buffer', async () => {
    const engine = new Engine(await nodeWasmBackend());
    const x = engine.tensor([5], [-1, 2, -3, 4, -5]);
    activation(x, 'relu').dispose();
    // The next output takes the pooled buffer the first one left, just below this one.
    const after = engine.tensor([3], [-6, -7, -8]);
    const y = activation(x, 'relu');
    expect(Array.from(await y.read())).toEqual([0, 2, 0, 4, 0]);
    expect(Array.from(await after.read())).toEqual([-6, -7, -8]);
    engine.backend.destroy();
  });

  it('a kernel naming an export the module lacks fails with the export’s name and the build command', async () => {
    const backend = await nodeWasmBackend();
    const kernel = defineKernel({
      name: 'missing',
      wgsl: '',
      entry: 'main',
      params: { n: 'u32' },
      workgroups: () => [1],
      wasm: 'no_such_export',
      cpu: () => {},
    });
    expect(() => backend.run(kernel, { n: 1 }, [])).toThrow(/missing: the wasm module has no export "no_such_export"; run npm run build:wasm/);
    backend.destroy();
  });
});
