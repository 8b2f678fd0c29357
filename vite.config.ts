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

/**
 * Only this origin's scripts, workers, styles and data; no eval, no inline script; WebAssembly
 * compiled from this origin's kernels module ('wasm-unsafe-eval'). The data: image is the blank favicon.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "connect-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

/**
 * The policy as a meta tag in the built page, so that any static host serves it. Not in
 * development: Vite's dev server injects styles inline.
 */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'content-security-policy',
    apply: 'build',
    transformIndexHtml: () => [
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' },
    ],
  };
}

export default defineConfig({
  root: 'app',
  publicDir: '../public',
  plugins: [wgslAsText(), contentSecurityPolicy()],
  // recharts makes up most of the ~570 kB main chunk (about 176 kB gzipped).
  build: {
    outDir: '../dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 800,
    // The kernels' module is fetched: inlined as a data: URL, connect-src 'self' would refuse it.
    assetsInlineLimit: (file) => (file.endsWith('.wasm') ? false : undefined),
  },
  worker: { format: 'es', plugins: () => [wgslAsText()] },
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
  // As a header too: a meta tag binds the page but not its worker, which gets its policy from its own response.
  preview: { host: '127.0.0.1', port: 4173, strictPort: true, headers: { 'Content-Security-Policy': CONTENT_SECURITY_POLICY } },
});
