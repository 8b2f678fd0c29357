// The wasm backend's matmuls split by rows of C among threads over a shared memory: each element
// is the same sum in the same order whichever thread computes it, so T threads give T = 1's bits.
// (The suites of tests/backends.ts run on 'wasm 2 threads' besides; these add the sizes and thread
// counts that split unevenly, and a memory grown after the workers started.)
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';
import { describe, expect, it } from 'vitest';
import { threadsOption } from '../gpu/cli/backend-choice';
import { nodeWasmBackend } from '../gpu/cli/node-wasm';
import { linear, matmul } from '../gpu/ops/matmul';
import { Engine } from '../gpu/tensor';
import { hasRelaxedSimd, kernelsUrl } from '../gpu/wasm/kernels-url';
import { THREADED_MIN_MADDS, type ThreadWorker } from '../gpu/wasm/threads';
import { WasmBackend } from '../gpu/wasm/wasm-backend';
import { Random } from '../gpu/nn/random';
import { randomArray } from './helpers';

/** C = A·B, its gradients (dA = dC·Bᵀ, dB = Aᵀ·dC), and a linear layer's output (x·Wᵀ + b), read back. */
async function products(threads: number, M: number, N: number, K: number, growFirst = false): Promise<Float32Array[]> {
  const engine = new Engine(await nodeWasmBackend({ threads }));
  // 64 MiB more than the first page: the workers must see the memory as it is after it grew.
  if (growFirst) engine.tensor([16 * 2 ** 20]);
  const random = new Random(M * 31 + N * 7 + K);
  const values = (n: number) => randomArray(random, n);
  const a = engine.tensor([M, K], values(M * K), { requiresGrad: true });
  const b = engine.tensor([K, N], values(K * N), { requiresGrad: true });
  const c = matmul(a, b);
  c.backward(engine.tensor([M, N], values(M * N)));
  const weight = engine.tensor([N, K], values(N * K));
  const bias = engine.tensor([N], values(N));
  const y = linear(a, weight, bias);
  const out = await Promise.all([c, a.grad!, b.grad!, y].map(async (t) => Float32Array.from(await t.read())));
  engine.backend.destroy();
  return out;
}

/** Where two results' bits first differ (−1: nowhere); cheaper than a deep equality over 100 K elements. */
function firstDifference(got: Float32Array, want: Float32Array): number {
  if (got.length !== want.length) return Math.min(got.length, want.length);
  const g = new Uint32Array(got.buffer, got.byteOffset, got.length);
  const w = new Uint32Array(want.buffer, want.byteOffset, want.length);
  return g.findIndex((bits, i) => bits !== w[i]);
}

describe('the wasm backend on threads', () => {
  // 518 rows split 260/258 between two threads, 176/176/166 among three; N and K not multiples of 8.
  const shapes = [
    { M: 518, N: 130, K: 300 },
    { M: 64, N: 128, K: 784 },
  ];

  it('the shapes are big enough that their products are split', () => {
    for (const { M, N, K } of shapes) expect(M * N * K).toBeGreaterThanOrEqual(THREADED_MIN_MADDS);
  });

  it.each(shapes)('$M×$K·$K×$N: 2 and 3 threads give the bits 1 thread gives, in every operand layout', async ({ M, N, K }) => {
    const one = await products(1, M, N, K);
    for (const threads of [2, 3]) {
      const many = await products(threads, M, N, K);
      for (let i = 0; i < one.length; i++) expect(firstDifference(many[i], one[i])).toBe(-1);
    }
  });

  it('threads read and write memory that grew after they started', async () => {
    const one = await products(1, 300, 64, 200, true);
    const two = await products(2, 300, 64, 200, true);
    for (let i = 0; i < one.length; i++) expect(firstDifference(two[i], one[i])).toBe(-1);
  });

  it('names its threads, and refuses a count that is not a whole number ≥ 1', async () => {
    const backend = await nodeWasmBackend({ threads: 2 });
    expect(backend.adapter).toBe('WebAssembly SIMD (2 threads)');
    backend.destroy();
    await expect(nodeWasmBackend({ threads: 0 })).rejects.toThrow(/threads must be a whole number ≥ 1, not 0/);
  });
});

describe('the browser’s thread worker (gpu/wasm/thread-worker.ts)', () => {
  it('runs a thread of a split product in a worker that talks as a Web Worker does', async () => {
    // The file bundled as a bundler does for the page, run in a Node worker with the two names of a
    // Web Worker's global scope that it uses.
    const bundled = await build({ input: fileURLToPath(new URL('../gpu/wasm/thread-worker.ts', import.meta.url)), write: false, output: { format: 'iife' }, logLevel: 'silent' });
    const script = bundled.output[0].code;
    const webWorkerScope = `const { parentPort } = require('node:worker_threads');
      const self = {
        addEventListener: (type, listener) => parentPort.once(type, (data) => listener({ data })),
        postMessage: (message) => parentPort.postMessage(message),
      };`;
    const spawnWorker = (): ThreadWorker => {
      const worker = new Worker(`${webWorkerScope}\n${script}`, { eval: true });
      worker.unref();
      return {
        postMessage: (init) => worker.postMessage(init),
        addEventListener: (type, listener) => void worker.once(type, listener),
        terminate: () => void worker.terminate(),
      };
    };
    const bytes = new Uint8Array(readFileSync(fileURLToPath(kernelsUrl({ shared: true, relaxed: false }))));
    const engine = new Engine(await WasmBackend.create({ bytes, threads: 2, spawnWorker }));
    const a = engine.tensor([64, 784], randomArray(new Random(1), 64 * 784));
    const b = engine.tensor([784, 128], randomArray(new Random(2), 784 * 128));
    const got = Float32Array.from(await matmul(a, b).read());
    engine.backend.destroy();
    const one = new Engine(await nodeWasmBackend());
    const want = Float32Array.from(await matmul(one.tensor(a.shape, randomArray(new Random(1), 64 * 784)), one.tensor(b.shape, randomArray(new Random(2), 784 * 128))).read());
    one.backend.destroy();
    expect(firstDifference(got, want)).toBe(-1);
  });
});

describe('the wasm backend’s builds', () => {
  it('threads refuse the private build, and one thread the shared one, naming the build to use', async () => {
    const bytes = (shared: boolean) => new Uint8Array(readFileSync(fileURLToPath(kernelsUrl({ shared, relaxed: false }))));
    const spawnWorker = () => {
      throw new Error('no worker starts before the module links');
    };
    await expect(WasmBackend.create({ bytes: bytes(false), threads: 2, spawnWorker })).rejects.toThrow(/2 threads need a shared build/);
    await expect(WasmBackend.fromBytes(bytes(true))).rejects.toThrow(/1 thread needs a private build/);
  });

  it('relaxed SIMD is detected exactly where this engine compiles the relaxed build (Node 20: with --experimental-wasm-relaxed-simd)', () => {
    for (const shared of [false, true]) {
      const relaxed = readFileSync(fileURLToPath(kernelsUrl({ shared, relaxed: true })));
      expect(WebAssembly.validate(relaxed)).toBe(hasRelaxedSimd());
    }
  });
});

describe('--threads', () => {
  const options = (entries: [string, string][]) => new Map(entries);

  it('defaults to every core for wasm and takes a whole number ≥ 1', () => {
    expect(threadsOption(options([]), 'wasm')).toBe(availableParallelism());
    expect(threadsOption(options([['threads', '3']]), 'wasm')).toBe(3);
  });

  it('names the problem with a count that is not a whole number ≥ 1, or a backend without threads', () => {
    for (const bad of ['0', '1.5', 'two', '']) {
      expect(threadsOption(options([['threads', bad]]), 'wasm')).toBe(`--threads must be a whole number ≥ 1, got "${bad}"`);
    }
    expect(threadsOption(options([['threads', '2']]), 'cpu')).toBe('--threads applies to --backend wasm only, not cpu');
  });
});
