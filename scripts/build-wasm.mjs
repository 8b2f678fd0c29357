// Runs as part of `npm postinstall` and as `npm run build:wasm`: compiles the AssemblyScript kernels
// under gpu/wasm/assembly/ to gpu/wasm/build/ (gitignored; see gpu/wasm/kernels-url.ts), with
// 128-bit SIMD, memory imported from the backend, and no garbage-collected runtime. Four builds of
// the one source: with and without relaxed SIMD (its fused multiply-add, used where the engine
// detects it), and over a private or a shared memory (threads need the shared one, which needs a
// maximum and a cross-origin isolated page; the private one runs everywhere).
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import asc from 'assemblyscript/asc';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const source = path.join(repoRoot, 'gpu', 'wasm', 'assembly', 'index.ts');
const outDir = path.join(repoRoot, 'gpu', 'wasm', 'build');
/** wasm32's whole address space, in 64 KiB pages: gpu/wasm/arena.ts's MAX_PAGES. */
const MAX_PAGES = '65536';

const BUILDS = [
  { file: 'kernels.wasm', flags: [] },
  { file: 'kernels-relaxed.wasm', flags: ['--enable', 'relaxed-simd'] },
  { file: 'kernels-shared.wasm', flags: ['--enable', 'threads', '--sharedMemory', '--maximumMemory', MAX_PAGES] },
  {
    file: 'kernels-relaxed-shared.wasm',
    flags: ['--enable', 'relaxed-simd', '--enable', 'threads', '--sharedMemory', '--maximumMemory', MAX_PAGES],
  },
];

await mkdir(outDir, { recursive: true });
for (const { file, flags } of BUILDS) {
  const outFile = path.join(outDir, file);
  const { error, stderr } = await asc.main([
    source,
    '--outFile', outFile,
    '--enable', 'simd',
    ...flags,
    '--optimizeLevel', '3',
    '--shrinkLevel', '0',
    '--runtime', 'stub',
    '--noAssert',
    '--importMemory',
  ]);
  if (error) {
    console.error(`build-wasm: ${file}: ${error.message}\n${stderr.toString()}`);
    process.exit(1);
  }
  console.log(`build-wasm: wrote ${path.relative(repoRoot, outFile)}`);
}
