import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

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
 * Only this origin's scripts, workers, styles and data; no eval and no inline script. WebAssembly may
 * be compiled (the wasm backend), which is all 'wasm-unsafe-eval' allows. The data: image is the
 * blank favicon.
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

/**
 * Cross-origin isolation, which SharedArrayBuffer (and so WebAssembly threads) needs. A host that
 * does not send these headers still serves a working page, without threads.
 */
const CROSS_ORIGIN_ISOLATION = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };

/** Every file of the build, MNIST included, so that after one visit the page works with no network (the plugin adds the web manifest and its icons). */
const PRECACHED = '**/*.{html,js,css,json,gz,wasm}';
/** The largest file precached: the training images, 9.6 MB compressed. */
const LARGEST_PRECACHED_BYTES = 16 * 1024 * 1024;

/**
 * A service worker that Workbox generates, precaching the build; the page registers it from its own
 * code (app/components/UpdateNotice.tsx), so there is no inline script, and a new deployment waits
 * until the user reloads. With a relative base the worker, its scope and the manifest's start_url are
 * where the page is, whatever the host's path.
 */
function offlineApp() {
  return VitePWA({
    injectRegister: false,
    registerType: 'prompt',
    workbox: {
      globPatterns: [PRECACHED],
      maximumFileSizeToCacheInBytes: LARGEST_PRECACHED_BYTES,
      // The first visit is controlled as soon as the worker is ready, so a reload without network works.
      clientsClaim: true,
    },
    manifest: {
      name: 'gradlab — train a neural network on MNIST',
      short_name: 'gradlab',
      description: 'Train neural networks on handwritten digits (MNIST) live in your browser with WebGPU.',
      start_url: './',
      scope: './',
      display: 'standalone',
      theme_color: '#1f4fa8',
      background_color: '#f3f5f8',
      icons: [{ src: 'icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' }],
    },
  });
}

export default defineConfig({
  root: 'app',
  // Relative URLs throughout, so the build works from any path of any static host.
  base: './',
  publicDir: '../public',
  plugins: [wgslAsText(), contentSecurityPolicy(), offlineApp()],
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
  server: { host: '127.0.0.1', port: 5173, strictPort: true, headers: CROSS_ORIGIN_ISOLATION },
  // As a header too: a meta tag binds the page but not its worker, which gets its policy from its own response.
  preview: {
    host: '127.0.0.1',
    port: 4173,
    strictPort: true,
    headers: { 'Content-Security-Policy': CONTENT_SECURITY_POLICY, ...CROSS_ORIGIN_ISOLATION },
  },
});
