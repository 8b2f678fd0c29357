// Which backend the worker trains on: WebGPU when the browser gives it a device, else the CPU.
import { CpuBackend, WebGpuBackend, requestWebGpuBackend, type Backend } from '../../gpu';
import { errorText } from './transport';

/** A backend, and why it is not WebGPU when it is not. */
export async function requestBackend(defaultLimits: boolean): Promise<{ backend: Backend; reason?: string }> {
  try {
    return { backend: defaultLimits ? await requestDefaultLimitsBackend() : await requestWebGpuBackend(navigator.gpu) };
  } catch (error) {
    return { backend: new CpuBackend('f32'), reason: errorText(error) };
  }
}

/**
 * A device with WebGPU's default limits instead of the adapter's largest, as on a small GPU
 * (?limits=default). Only the limits change: the features, and so the kernels chosen, stay those
 * of a device asked for as usual.
 */
async function requestDefaultLimitsBackend(): Promise<Backend> {
  const adapter = await navigator.gpu?.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) throw new Error('WebGPU is present but no adapter was found.');
  const device = await adapter.requestDevice({ requiredFeatures: adapter.features.has('subgroups') ? ['subgroups'] : [] });
  return new WebGpuBackend(device, adapter.info);
}
