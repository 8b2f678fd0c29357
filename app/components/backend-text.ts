// What the page says when the browser gives no WebGPU: the real reason, by the step that failed.
// What trains instead is said beside it (BackendStatus).
import type { WebGpuUnavailable } from '../../gpu';

/** `reason`: the error's words, named where they are the news. */
export function noWebGpuText(unavailable: WebGpuUnavailable | undefined, reason: string | undefined): string {
  switch (unavailable) {
    case 'no-api':
      return `This browser does not support WebGPU (Chrome/Edge 113+, Safari 26+ and Firefox 141+ on Windows do).`;
    case 'no-adapter':
      return `WebGPU is present but no adapter was found (the GPU or its driver may be blocked).`;
    case 'no-device':
    case undefined:
      return `WebGPU found a GPU but could not open it${reason ? `: ${reason}` : ''}.`;
  }
}
