// npm run bench:kernels — times the training step's matmuls and the 1024³ matmul on Dawn (Node).
// Prints figures; asserts nothing.
import { Random } from '../nn/random';
import { linear, matmul } from '../ops/matmul';
import { Engine, type Tensor } from '../tensor';
import { nodeWebGpuBackend } from './node-webgpu';

const backend = await nodeWebGpuBackend();
const engine = new Engine(backend);
const random = new Random(1);
const tensor = (...shape: number[]): Tensor =>
  engine.tensor(shape, Float32Array.from({ length: shape.reduce((a, b) => a * b) }, () => random.uniform(-1, 1)));

async function time(name: string, flops: number, repeats: number, fn: () => Tensor) {
  engine.tidy(fn);
  await backend.idle();
  const times: number[] = [];
  for (let r = 0; r < 3; r++) {
    const t0 = performance.now();
    for (let i = 0; i < repeats; i++) engine.tidy(fn);
    await backend.idle();
    times.push((performance.now() - t0) / repeats);
  }
  const ms = times.sort((a, b) => a - b)[1];
  console.log(`${name.padEnd(44)} ${ms.toFixed(2).padStart(9)} ms  ${(flops / ms / 1e6).toFixed(2).padStart(6)} GFLOP/s`);
}

console.log(`adapter: ${backend.adapter}`);
for (const batch of [128, 1024]) {
  const x = tensor(batch, 784);
  const w = tensor(128, 784);
  const b = tensor(128);
  const dy = tensor(batch, 128);
  const flops = 2 * batch * 784 * 128;
  await time(`forward  x[${batch},784]·Wᵀ + b`, flops, 5, () => linear(x, w, b));
  await time(`backward dy[${batch},128]·W`, flops, 5, () => matmul(dy, w));
  for (const t of [x, w, b]) t.requiresGrad = true;
  await time(`linear forward + backward (dx, dW, db)`, 3 * flops, 5, () => {
    const y = linear(x, w, b);
    y.backward(dy);
    return y;
  });
}
const big = tensor(1024, 1024);
await time('matmul 1024×1024·1024×1024', 2 * 1024 ** 3, 1, () => matmul(big, big));
backend.destroy();
process.exit(0);
