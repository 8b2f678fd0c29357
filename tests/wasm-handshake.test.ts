// The handshake between the wasm backend's caller thread and its matmul threads (gpu/wasm/threads.ts)
// under the faults that could make it miscount: a caller whose own part throws, a worker that answers
// after its caller gave up, wakes with no new product, products of every size while the memory
// grows, and backends ended and made again while their threads wind down. Each product is checked
// against the same product on one thread, bit for bit.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { nodeThreadWorker, nodeWasmBackend } from '../gpu/cli/node-wasm';
import { Random } from '../gpu/nn/random';
import { linear, matmul } from '../gpu/ops/matmul';
import { Engine } from '../gpu/tensor';
import { Arena, MAX_PAGES } from '../gpu/wasm/arena';
import { kernelsUrl } from '../gpu/wasm/kernels-url';
import { RowSplitter, controlBytes, type ThreadWorker } from '../gpu/wasm/threads';
import { WasmBackend } from '../gpu/wasm/wasm-backend';
import { randomArray } from './helpers';

type ProductRows = Parameters<RowSplitter['bind']>[0];

/** Where two results' bits first differ (−1: nowhere); a deep equality over 100 K elements is slow. */
function firstDifference(got: Uint32Array, want: Uint32Array): number {
  if (got.length !== want.length) return Math.min(got.length, want.length);
  return got.findIndex((bits, i) => bits !== want[i]);
}

/** The shared build's module over a shared memory, its instance importing `splitter.rows`, and two threads started. */
async function rig(splitter: RowSplitter) {
  const module = await WebAssembly.compile(readFileSync(fileURLToPath(kernelsUrl({ shared: true, relaxed: false }))));
  const memory = new WebAssembly.Memory({ initial: 1, maximum: MAX_PAGES, shared: true });
  const refuse = () => {
    throw new Error('no scratch memory in this rig');
  };
  const instance = await WebAssembly.instantiate(module, { env: { memory, scratch: refuse, rows: splitter.rows } });
  const exports = instance.exports as { heap_base: () => number; product_rows: ProductRows };
  const arena = new Arena(memory, exports.heap_base());
  const control = arena.allocate(controlBytes(2));
  await splitter.start(2, nodeThreadWorker, module, memory, control);
  splitter.bind(exports.product_rows);
  return { memory, arena, control, productRows: exports.product_rows };
}

/** C = A·B for A [M, K], B [K, N] in the rig's memory: its operands, a C for the split product and one for the reference. */
function operands(r: Awaited<ReturnType<typeof rig>>, M: number, N: number, K: number, seed: number) {
  const random = new Random(seed);
  const region = (values: ArrayLike<number> | number) => {
    const length = typeof values === 'number' ? values : values.length;
    const offset = r.arena.allocate(length * 4);
    if (typeof values !== 'number') new Float32Array(r.memory.buffer, offset, length).set(values);
    return offset;
  };
  const a = region(randomArray(random, M * K));
  const b = region(randomArray(random, K * N));
  const c = region(M * N);
  const want = region(M * N);
  r.productRows(0, M, N, K, a, K, 1, b, want, 0);
  const read = (offset: number) => new Uint32Array(r.memory.buffer, offset, M * N).slice();
  return { a, b, c, split: () => read(c), want: read(want) };
}

// 256 rows of 256 by 512: the worker's half is 16.8 M multiply-adds, milliseconds of work after its caller's part.
const M = 256;
const N = 256;
const K = 512;

const splitters: RowSplitter[] = [];
afterEach(() => {
  for (const s of splitters.splice(0)) s.stop();
});
function splitter(): RowSplitter {
  const s = new RowSplitter();
  splitters.push(s);
  return s;
}

describe('the matmul threads’ handshake', () => {
  it('a caller whose own part throws waits for the others; the next product is whole', async () => {
    const s = splitter();
    const r = await rig(s);
    const [first, second] = [operands(r, M, N, K, 1), operands(r, M, N, K, 2)];
    s.bind(() => {
      throw new Error('the caller’s part failed');
    });
    expect(() => s.rows(M, N, K, first.a, K, 1, first.b, first.c, 0)).toThrow('the caller’s part failed');
    // At once, while the worker may still be at the first product.
    s.bind(r.productRows);
    s.rows(M, N, K, second.a, K, 1, second.b, second.c, 0);
    expect(firstDifference(second.split(), second.want)).toBe(-1);
  });

  it('an answer that comes after its caller gave up does not count for the next product', async () => {
    const s = splitter();
    const r = await rig(s);
    const [first, second] = [operands(r, 4 * M, 2 * N, 2 * K, 3), operands(r, 4 * M, 2 * N, 2 * K, 4)];
    // 268 M multiply-adds for the worker, the caller's part done at once, and 1 ms to answer: the caller gives up while its worker is still at it.
    s.bind(() => {});
    s.stalledMs = 1;
    expect(() => s.rows(4 * M, 2 * N, 2 * K, first.a, 2 * K, 1, first.b, first.c, 0)).toThrow(/gave no answer in 0.001 s/);
    s.bind(r.productRows);
    s.stalledMs = 30_000;
    // The worker answers the first product late, then this one: only the second answer counts here.
    s.rows(4 * M, 2 * N, 2 * K, second.a, 2 * K, 1, second.b, second.c, 0);
    expect(firstDifference(second.split(), second.want)).toBe(-1);
  });

  it('a worker woken with no new product answers nothing and computes nothing', async () => {
    const s = splitter();
    const r = await rig(s);
    const first = operands(r, M, N, K, 5);
    s.rows(M, N, K, first.a, K, 1, first.b, first.c, 0);
    // Wakes on the product number's slot without a new product; C computed again behind them would show.
    new Float32Array(r.memory.buffer, first.c, M * N).fill(0);
    const generation = new Int32Array(r.memory.buffer, r.control, 1);
    for (let woken = 0; woken < 3; ) woken += Atomics.notify(generation, 0);
    const second = operands(r, M, N, K, 6);
    s.rows(M, N, K, second.a, K, 1, second.b, second.c, 0);
    expect(firstDifference(second.split(), second.want)).toBe(-1);
    expect(first.split().every((bits) => bits === 0)).toBe(true);
  });
});

/** The products a step's layers make (C = A·B, dA, dB, x·Wᵀ + b) of one random shape, read back. */
async function layerProducts(engine: Engine, random: Random): Promise<Uint32Array[]> {
  const size = (low: number, high: number) => Math.floor(random.uniform(low, high));
  const [m, n, k] = [size(1, 600), size(1, 300), size(1, 400)];
  // Memory grows between products: a big buffer now and then, kept to the end.
  if (random.next() < 0.3) engine.tensor([size(1, 2 ** 20)]);
  const values = (count: number) => randomArray(random, count);
  const a = engine.tensor([m, k], values(m * k), { requiresGrad: true });
  const b = engine.tensor([k, n], values(k * n), { requiresGrad: true });
  const c = matmul(a, b);
  c.backward(engine.tensor([m, n], values(m * n)));
  const y = linear(a, engine.tensor([n, k], values(n * k)), engine.tensor([n], values(n)));
  return Promise.all([c, a.grad!, b.grad!, y].map(async (t) => new Uint32Array(Float32Array.from(await t.read()).buffer)));
}

describe('two threads against one, over many products', () => {
  it('products of random sizes, some split and some not, while the memory grows: the bits of one thread', async () => {
    const one = new Engine(await nodeWasmBackend());
    const two = new Engine(await nodeWasmBackend({ threads: 2 }));
    for (let i = 0; i < 40; i++) {
      const want = await layerProducts(one, new Random(100 + i));
      const got = await layerProducts(two, new Random(100 + i));
      for (let j = 0; j < want.length; j++) expect(firstDifference(got[j], want[j]), `product ${i}, output ${j}`).toBe(-1);
    }
    one.backend.destroy();
    two.backend.destroy();
  });

  it('a backend ended and made again, while the old one’s threads wind down, multiplies as one thread does', async () => {
    const ended: number[] = [];
    let spawned = 0;
    const counted = (): ThreadWorker => {
      const id = spawned++;
      const worker = nodeThreadWorker();
      return { ...worker, terminate: () => (ended.push(id), worker.terminate()) };
    };
    const bytes = new Uint8Array(readFileSync(fileURLToPath(kernelsUrl({ shared: true, relaxed: false }))));
    const one = new Engine(await nodeWasmBackend());
    for (let round = 0; round < 4; round++) {
      const engine = new Engine(await WasmBackend.create({ bytes, threads: 3, spawnWorker: counted }));
      const want = await layerProducts(one, new Random(round));
      const got = await layerProducts(engine, new Random(round));
      for (let j = 0; j < want.length; j++) expect(firstDifference(got[j], want[j])).toBe(-1);
      engine.backend.destroy();
    }
    one.backend.destroy();
    expect(ended.sort((x, y) => x - y)).toEqual(Array.from({ length: spawned }, (_, i) => i));
    expect(spawned).toBe(8);
  });

  it('a thread that fails to start ends the others, and the backend says which failed', async () => {
    const bytes = new Uint8Array(readFileSync(fileURLToPath(kernelsUrl({ shared: true, relaxed: false }))));
    const ended: string[] = [];
    let spawned = 0;
    const spawnWorker = (): ThreadWorker => {
      const id = ++spawned;
      if (id === 2) {
        return {
          postMessage: () => {},
          addEventListener: (type, listener) => void (type === 'error' && queueMicrotask(() => listener(new Error('no such script')))),
          terminate: () => void ended.push(`thread ${id}`),
        };
      }
      const worker = nodeThreadWorker();
      return { ...worker, terminate: () => (ended.push(`thread ${id}`), worker.terminate()) };
    };
    await expect(WasmBackend.create({ bytes, threads: 3, spawnWorker })).rejects.toThrow('matmul thread 2 failed to start: no such script');
    expect(ended.sort()).toEqual(['thread 1', 'thread 2']);
  });
});
