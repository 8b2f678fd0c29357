// What the page says when it trains without WebGPU: the real reason, by the step that failed.
import type { WebGpuUnavailable } from '../../gpu';

const ON_THE_CPU = 'Training on the CPU backend instead (slower).';

/** The reason first, then what the page does about it; `reason`: the error's words, named where they are the news. */
export function noWebGpuText(unavailable: WebGpuUnavailable | undefined, reason: string | undefined): string {
  switch (unavailable) {
    case 'no-api':
      return `This browser does not support WebGPU (Chrome/Edge 113+, Safari 26+ and Firefox 141+ on Windows do). ${ON_THE_CPU}`;
    case 'no-adapter':
      return `WebGPU is present but no adapter was found (the GPU or its driver may be blocked). ${ON_THE_CPU}`;
    case 'no-device':
    case undefined:
      return `WebGPU found a GPU but could not open it${reason ? `: ${reason}` : ''}. ${ON_THE_CPU}`;
  }
}
