import { defineConfig, type Plugin } from 'vite';

/** Imports `shaders/*.wgsl` as their source text, in the app, the tests and the Node CLI alike. */
export function wgslAsText(): Plugin {
  return {
    name: 'wgsl-as-text',
    transform(code, id) {
      if (!id.endsWith('.wgsl')) return null;
      return { code: `export default ${JSON.stringify(code)};`, map: null };
    },
  };
}

export default defineConfig({
  root: 'app',
  publicDir: '../public',
  plugins: [wgslAsText()],
  // recharts makes up most of the ~680 kB main chunk (about 200 kB gzipped).
  build: { outDir: '../dist', emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 800 },
  worker: { format: 'es', plugins: () => [wgslAsText()] },
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
});
