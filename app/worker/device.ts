// Which backend the worker trains on: WebGPU when the browser gives it a device, else the CPU.
import { CpuBackend, requestWebGpuBackend, WebGpuUnavailableError, type Backend, type WebGpuUnavailable } from '../../gpu';
import { errorText } from './transport';

/** The backend, and when it is not WebGPU, why not: which step failed (`unavailable`) and the error's words (`reason`). */
export interface BackendChoice {
  backend: Backend;
  reason?: string;
  unavailable?: WebGpuUnavailable;
}

/** `defaultLimits`: WebGPU's default limits, as on a small GPU (?limits=default). */
export async function requestBackend(defaultLimits: boolean): Promise<BackendChoice> {
  try {
    return { backend: await requestWebGpuBackend(navigator.gpu, { limits: defaultLimits ? 'default' : 'adapter' }) };
  } catch (error) {
    // Anything else failed once a device was given: that device is as good as refused.
    const unavailable = error instanceof WebGpuUnavailableError ? error.why : 'no-device';
    return { backend: new CpuBackend('f32'), reason: errorText(error), unavailable };
  }
}
