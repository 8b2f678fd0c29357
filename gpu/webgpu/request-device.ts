// Asking the browser (or Dawn) for a WebGPU device, and saying which step failed when it gives none.
import type { Tuning } from '../backend';
import { WebGpuBackend } from './webgpu-backend';

/** Why WebGPU cannot be used: the browser has no WebGPU, it found no adapter, or the adapter gave no device. */
export type WebGpuUnavailable = 'no-api' | 'no-adapter' | 'no-device';

/**
 * `message` is the English sentence the CLI prints; a page words `why` itself, and shows `detail`
 * (the browser's own words for a refused device, '' otherwise) as it is.
 */
export class WebGpuUnavailableError extends Error {
  constructor(
    readonly why: WebGpuUnavailable,
    message: string,
    readonly detail = '',
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'WebGpuUnavailableError';
  }
}

/**
 * A device with the adapter's largest buffer limits, or with WebGPU's defaults (`limits:
 * 'default'`, 128 MiB per storage buffer, as a small GPU has). Only the limits differ: the features,
 * and so the kernels chosen, are the same either way.
 */
export async function requestWebGpuBackend(
  gpu: GPU | undefined,
  options: { tuning?: Partial<Tuning>; limits?: 'adapter' | 'default' } = {},
): Promise<WebGpuBackend> {
  if (!gpu) throw new WebGpuUnavailableError('no-api', 'WebGPU is not available here (navigator.gpu is missing).');
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) throw new WebGpuUnavailableError('no-adapter', 'WebGPU is present but no adapter was found.');
  const largest = { maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize, maxBufferSize: adapter.limits.maxBufferSize };
  let device: GPUDevice;
  try {
    device = await adapter.requestDevice({
      requiredFeatures: adapter.features.has('subgroups') ? ['subgroups'] : [],
      requiredLimits: options.limits === 'default' ? {} : largest,
    });
  } catch (error) {
    const named = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    throw new WebGpuUnavailableError('no-device', `the adapter refused a device (${named})`, named, { cause: error });
  }
  return new WebGpuBackend(device, adapter.info, options.tuning);
}
