import type { DeviceBuffer, DType, HostArray, Kernel, ParamTypes, ParamValues } from '../backend';
import { HostBackend } from './host-backend';

/** float64 makes this backend the reference that the GPU is checked against; float32 matches the GPU. */
export type CpuPrecision = 'f32' | 'f64';

interface CpuBuffer extends DeviceBuffer {
  readonly data: HostArray;
}

/** Runs each kernel's TypeScript twin synchronously: the fallback without WebGPU, and the reference. */
export class CpuBackend extends HostBackend<CpuBuffer> {
  readonly kind = 'cpu';
  readonly adapter: string;
  readonly maxBufferElements = 2 ** 28;

  constructor(readonly precision: CpuPrecision = 'f32') {
    super();
    this.adapter = `CPU (TypeScript, ${precision === 'f64' ? 'float64' : 'float32'})`;
  }

  protected allocate(id: number, length: number, dtype: DType): CpuBuffer {
    const FloatArray = this.precision === 'f64' ? Float64Array : Float32Array;
    const data = dtype === 'u32' ? new Uint32Array(length) : new FloatArray(length);
    return { id, length, dtype, data };
  }

  protected sliceOf(parent: CpuBuffer, id: number, offset: number, length: number): CpuBuffer {
    return { id, length, dtype: parent.dtype, data: parent.data.subarray(offset, offset + length) };
  }

  /** The garbage collector takes a dropped array back. */
  protected free(): void {}

  protected view(buffer: CpuBuffer): HostArray {
    return buffer.data;
  }

  protected bytesOf(buffer: CpuBuffer): number {
    return buffer.data.byteLength;
  }

  protected runKernel<T extends ParamTypes>(kernel: Kernel<T>, params: ParamValues<T>, buffers: CpuBuffer[]): void {
    kernel.cpu(
      params,
      buffers.map((b) => b.data),
    );
  }
}
