// Which backend the worker trains on: WebGPU when the browser gives it a device, else the CPU.
import { CpuBackend, requestWebGpuBackend, type Backend } from '../../gpu';
import { errorText } from './transport';

/** A backend, and why it is not WebGPU when it is not. `defaultLimits`: WebGPU's default limits, as on a small GPU (?limits=default). */
export async function requestBackend(defaultLimits: boolean): Promise<{ backend: Backend; reason?: string }> {
  try {
    return { backend: await requestWebGpuBackend(navigator.gpu, { limits: defaultLimits ? 'default' : 'adapter' }) };
  } catch (error) {
    return { backend: new CpuBackend('f32'), reason: errorText(error) };
  }
}
