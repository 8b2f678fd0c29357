// What the page says about where training runs, worded at display time from the worker's data (so
// that a change of language words it anew): why the browser gives no WebGPU, by the step that
// failed, and why this backend trains (BackendReason). What trains is said beside it (BackendStatus).
import type { WebGpuUnavailable } from '../../gpu';
import type { Catalogue } from '../i18n/messages';
import type { BackendReason } from '../protocol';

/** The browsers that have WebGPU, by their names (the same in every language). */
export const WEBGPU_BROWSERS = 'Chrome/Edge 113+, Safari 26+ and Firefox 141+ on Windows';

/** The real reason there is no WebGPU; a refused device's error, in the browser's words, is shown beside it. */
export function noWebGpuText(t: Catalogue['backend'], unavailable: WebGpuUnavailable | undefined): string {
  switch (unavailable) {
    case 'no-api':
      return t.noApi(WEBGPU_BROWSERS);
    case 'no-adapter':
      return t.noAdapter;
    case 'no-device':
    case undefined:
      return t.noDevice;
  }
}

const ratio = (times: number) => `${times.toFixed(1)}×`;

/** Why this backend trains, in the words of `t`. A failed trial's error (BackendReason's `error`) is shown beside it. */
export function backendReasonText(t: Catalogue['backend'], reason: BackendReason): string {
  switch (reason.kind) {
    case 'no-webgpu':
      return (reason.simd ? t.noWebGpuWasm : t.noWebGpuNoSimd)(t.missing[reason.missing]);
    case 'hardware':
      return t.hardware;
    case 'software-no-simd':
      return t.softwareNoSimd;
    case 'software-untimed':
      return t.softwareUntimed;
    case 'wasm-faster':
      return t.wasmFaster(ratio(reason.ratio));
    case 'webgpu-faster':
      return t.webgpuFaster(ratio(reason.ratio));
    case 'webgpu-asked-missing':
      return t.webgpuAskedMissing(backendReasonText(t, { kind: 'no-webgpu', missing: reason.missing, simd: reason.simd }));
    case 'wasm-asked-no-simd':
      return t.wasmAskedNoSimd;
    case 'chosen':
      return t.chosen[reason.choice];
  }
}
