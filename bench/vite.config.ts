import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { wgslAsText } from '../vite.config.ts';

const at = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// Cross-origin isolation gives SharedArrayBuffer: gradlab-wasm's threads and TF.js wasm's threaded build.
const isolation = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };

export default defineConfig({
  root: at('.'),
  publicDir: at('../public'),
  plugins: [wgslAsText()],
  // The wasm rows and Auto run in a module worker (bench/wasm-worker.ts), which imports the shaders too.
  worker: { format: 'es', plugins: () => [wgslAsText()] },
  logLevel: 'warn',
  build: {
    outDir: at('../node_modules/.cache/gradlab-bench'),
    emptyOutDir: true,
    target: 'es2022',
    // TF.js starts its wasm threads from the source text of a bundled function; minified, that text
    // names variables of the bundle that the worker does not have.
    minify: false,
    chunkSizeWarningLimit: 8192,
  },
  server: { host: '127.0.0.1', headers: isolation },
  preview: { host: '127.0.0.1', port: 0, headers: isolation },
});
