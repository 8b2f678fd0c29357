/**
 * Where `npm run build:wasm` writes the kernels' module: a file URL in Node (read with fs), a URL
 * a bundler rewrites to the emitted asset in a browser (fetched).
 */
export const KERNELS_URL = new URL('./build/kernels.wasm', import.meta.url);
