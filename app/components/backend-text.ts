// What the page says when the browser gives no WebGPU: the real reason, by the step that failed.
// What trains instead is said beside it (BackendStatus).
import type { WebGpuUnavailable } from '../../gpu';
import type { Catalogue } from '../i18n/messages';

/** The browsers that have WebGPU, by their names (the same in every language). */
export const WEBGPU_BROWSERS = 'Chrome/Edge 113+, Safari 26+ and Firefox 141+ on Windows';

/** `reason`: the error's words, named where they are the news. */
export function noWebGpuText(t: Catalogue['backend'], unavailable: WebGpuUnavailable | undefined, reason: string | undefined): string {
  switch (unavailable) {
    case 'no-api':
      return t.noApi(WEBGPU_BROWSERS);
    case 'no-adapter':
      return t.noAdapter;
    case 'no-device':
    case undefined:
      return t.noDevice(reason ?? '');
  }
}
