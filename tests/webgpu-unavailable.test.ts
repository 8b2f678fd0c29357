// Why WebGPU cannot be used, told apart by the step that failed: no API, no adapter, no device.
import { describe, expect, it } from 'vitest';
import { requestWebGpuBackend, WebGpuUnavailableError } from '../gpu';

async function refusal(gpu: GPU | undefined): Promise<WebGpuUnavailableError> {
  const error = await requestWebGpuBackend(gpu).then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof WebGpuUnavailableError)) throw new Error(`expected a WebGpuUnavailableError, got ${String(error)}`);
  return error;
}

describe('requestWebGpuBackend without WebGPU', () => {
  it('says the browser has none, when navigator.gpu is missing', async () => {
    expect((await refusal(undefined)).why).toBe('no-api');
  });

  it('says no adapter was found, when requestAdapter gives none', async () => {
    const gpu = { requestAdapter: async () => null } as unknown as GPU;
    expect(await refusal(gpu)).toMatchObject({ why: 'no-adapter', message: 'WebGPU is present but no adapter was found.' });
  });

  it('names the error of a device the adapter refused', async () => {
    const refused = Object.assign(new Error('limits exceeded'), { name: 'OperationError' });
    const adapter = { limits: { maxStorageBufferBindingSize: 1, maxBufferSize: 1 }, features: new Set(), requestDevice: async () => Promise.reject(refused) };
    const gpu = { requestAdapter: async () => adapter } as unknown as GPU;
    const error = await refusal(gpu);
    // The English message for the CLI; the browser's own words apart, for a page to show beside its own.
    expect(error).toMatchObject({ why: 'no-device', message: 'the adapter refused a device (OperationError: limits exceeded)', detail: 'OperationError: limits exceeded' });
    expect(error.cause).toBe(refused);
  });
});
