// Runs as part of `npm postinstall` and as `npm run build:wasm`: compiles the AssemblyScript kernels
// under gpu/wasm/assembly/ to gpu/wasm/build/kernels.wasm (gitignored; see gpu/wasm/kernels-url.ts),
// with 128-bit SIMD, memory imported from the backend, and no garbage-collected runtime.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import asc from 'assemblyscript/asc';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const source = path.join(repoRoot, 'gpu', 'wasm', 'assembly', 'index.ts');
const outFile = path.join(repoRoot, 'gpu', 'wasm', 'build', 'kernels.wasm');

await mkdir(path.dirname(outFile), { recursive: true });
const { error, stderr } = await asc.main([
  source,
  '--outFile', outFile,
  '--enable', 'simd',
  '--optimizeLevel', '3',
  '--shrinkLevel', '0',
  '--runtime', 'stub',
  '--noAssert',
  '--importMemory',
]);
if (error) {
  console.error(`build-wasm: ${error.message}\n${stderr.toString()}`);
  process.exit(1);
}
console.log(`build-wasm: wrote ${path.relative(repoRoot, outFile)}`);
