/**
 * Where `npm run build:wasm` writes the kernels' four builds (scripts/build-wasm.mjs): file URLs in
 * Node (read with fs), URLs a bundler rewrites to the emitted assets in a browser (fetched). Each is
 * spelled out so that a bundler sees it.
 */
export const KERNELS_URL = new URL('./build/kernels.wasm', import.meta.url);
const RELAXED_URL = new URL('./build/kernels-relaxed.wasm', import.meta.url);
const SHARED_URL = new URL('./build/kernels-shared.wasm', import.meta.url);
const RELAXED_SHARED_URL = new URL('./build/kernels-relaxed-shared.wasm', import.meta.url);

export interface KernelsBuild {
  /** Over a shared memory, for more than one thread. */
  shared: boolean;
  /** With relaxed SIMD's fused multiply-add: only where `hasRelaxedSimd()`. */
  relaxed: boolean;
}

export function kernelsUrl({ shared, relaxed }: KernelsBuild): URL {
  if (shared) return relaxed ? RELAXED_SHARED_URL : SHARED_URL;
  return relaxed ? RELAXED_URL : KERNELS_URL;
}

/** Every build, for checks that they exist and are current (tests/wasm-kernels-built.ts). */
export const ALL_KERNELS_URLS = [KERNELS_URL, RELAXED_URL, SHARED_URL, RELAXED_SHARED_URL];

/**
 * The smallest module that uses f32x4.relaxed_madd: () -> v128 returning relaxed_madd of three
 * zero constants. Engines without relaxed SIMD (Node 20 without --experimental-wasm-relaxed-simd,
 * Firefox before 145, Safari) reject it.
 */
const RELAXED_PROBE = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // magic, version
  0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7b, // type section: () -> v128
  0x03, 0x02, 0x01, 0x00, // function section: one function of type 0
  0x0a, 0x3d, 0x01, 0x3b, 0x00, // code section: one body of 59 bytes, no locals
  0xfd, 0x0c, ...new Array<number>(16).fill(0), // v128.const 0
  0xfd, 0x0c, ...new Array<number>(16).fill(0),
  0xfd, 0x0c, ...new Array<number>(16).fill(0),
  0xfd, 0x85, 0x02, // f32x4.relaxed_madd (0x105)
  0x0b, // end
]);

export function hasRelaxedSimd(): boolean {
  return WebAssembly.validate(RELAXED_PROBE);
}
