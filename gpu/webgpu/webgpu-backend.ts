import {
  BufferPool,
  checkSlice,
  deviceLossText,
  zeroCounters,
  type Backend,
  type BackendError,
  type DeviceLoss,
  type DeviceBuffer,
  type DType,
  type HostArray,
  type Kernel,
  type ParamTypes,
  type ParamValues,
  type Scoped,
  type Tuning,
} from '../backend';
import { BindingCache } from './binding-cache';
import { pickStandIn, pipelineKeyOf, Pipelines } from './pipelines';
import { DeviceErrors } from './device-errors';
import { ReadBacks } from './read-backs';
import { UploadRing } from './upload-ring';
import { describeAdapter, isSoftwareAdapter } from './adapter-info';

interface GpuBuffer extends DeviceBuffer {
  readonly gpu: GPUBuffer;
  /** Where its elements start in `gpu`, in bytes: 0 but for a slice. */
  readonly offset: number;
  /** The id of the buffer that owns `gpu`: its own but for a slice. */
  readonly root: number;
}

/** A buffer's size in bytes: WebGPU has no empty buffers to bind. */
function bytesOf(length: number): number {
  return Math.max(4, length * 4);
}

/**
 * Kernels recorded into one compute pass and submitted together on flush(). Pipelines, uniform
 * buffers and bind groups are cached by what they are made of, and buffers come from a pool, so a
 * step repeated with the same shapes creates no GPU object at all; trim() gives back what a
 * discarded model leaves in the pool and the caches.
 *
 * Pipelines compile asynchronously: compiling is what makes the first step slow (SwiftShader
 * takes up to a second for a register matmul). Until the pipelines it needs are ready, work is kept
 * in order in a queue (dispatches, writes, copies, submits alike) and recorded as they are; the
 * caller never waits, and once every pipeline exists nothing is queued. A kernel with stand-ins
 * does not hold the queue: one of them runs until it has compiled in the background (see
 * Pipelines). SwiftShader compiles about one pipeline at a time: the first step waits for the sum
 * of its stand-ins' compiles (every matmul's is one pipeline, matmul_quick.wgsl), and
 * what is recorded is submitted before each wait, so that the device runs the first kernels of a
 * step while its later ones compile.
 */
export class WebGpuBackend implements Backend {
  readonly kind = 'webgpu';
  readonly adapter: string;
  /** A software adapter (isSoftwareAdapter): tuned for the CPU it runs on, and what Auto times against WebAssembly. */
  readonly software: boolean;
  readonly tuning: Tuning;
  readonly maxBufferElements: number;
  readonly lost: Promise<DeviceLoss>;

  private readonly pool = new BufferPool<GpuBuffer>();
  private readonly stagingPool = new BufferPool<GpuBuffer>();
  private readonly pipelines: Pipelines;
  private readonly allBuffers = new Set<GPUBuffer>();
  private readonly stats = zeroCounters();
  private readonly bindings: BindingCache;
  private readonly errors: DeviceErrors;
  private readonly readBacks: ReadBacks;
  private readonly uploads: UploadRing;
  private encoder: GPUCommandEncoder | null = null;
  private pass: GPUComputePassEncoder | null = null;
  private nextId = 1;
  private destroyed = false;
  /** Bound where a kernel declares more buffers than a call passes (Kernel.declaredBuffers). */
  private readonly placeholders: GpuBuffer[] = [];
  /** Work waiting for pipelines to compile, in the order it was asked for; a dispatch with the compilation of its pipeline. */
  private queued: { work: () => void; pipelineKey?: string; compiled?: Promise<void> }[] = [];
  /** Settles once the queue has been recorded; rejects if a pipeline failed to compile. */
  private recorded: Promise<void> = Promise.resolve();

  /** `tuning` overrides the per-adapter choice (tests use it to run every variant here). */
  constructor(
    readonly device: GPUDevice,
    info: GPUAdapterInfo,
    tuning?: Partial<Tuning>,
  ) {
    this.adapter = describeAdapter(info);
    const software = isSoftwareAdapter(info);
    this.software = software;
    // Subgroups only where they are known to be four wide: the register matmul's lanes rely on it.
    const fourLanes = device.features.has('subgroups') && info.subgroupMinSize === 4 && info.subgroupMaxSize === 4;
    this.tuning = {
      maxElementwiseWorkgroups: software ? 16 : 1024,
      matmul: software ? 'register' : 'tiled',
      subgroups: software && fourLanes,
      standIns: true,
      epilogues: true,
      ...tuning,
    };
    if (this.tuning.subgroups && !fourLanes) throw new Error('This device has no subgroups of exactly four invocations.');
    this.maxBufferElements = Math.floor(
      Math.min(device.limits.maxStorageBufferBindingSize, device.limits.maxBufferSize) / 4,
    );
    this.bindings = new BindingCache(device, this.stats);
    this.pipelines = new Pipelines(device, this.stats);
    this.errors = new DeviceErrors(device);
    this.readBacks = new ReadBacks(device, this.errors);
    const create = (bytes: number, usage: GPUBufferUsageFlags) => this.createBuffer(bytes / 4, 'u32', usage).gpu;
    this.uploads = new UploadRing(device, { create, encoder: () => this.commandEncoder(), submit: () => this.submit() });
    this.lost = device.lost.then((info) => {
      const loss: DeviceLoss = { reason: info.reason === 'destroyed' ? 'destroyed' : 'unknown', message: info.message };
      this.readBacks.cancel(`the GPU device was lost: ${deviceLossText(loss)}`);
      return loss;
    });
  }

  acquire(length: number, dtype: DType): GpuBuffer {
    const pooled = this.pool.take(length, dtype);
    if (pooled) return pooled;
    if (length > this.maxBufferElements) {
      throw new Error(
        `A buffer of ${length} elements exceeds this device's limit of ${this.maxBufferElements} elements per buffer.`,
      );
    }
    return this.createBuffer(length, dtype, GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST);
  }

  release(buffer: DeviceBuffer): void {
    this.pool.give(buffer as GpuBuffer);
  }

  slice(buffer: DeviceBuffer, offsetElements: number, length: number): GpuBuffer {
    checkSlice(buffer, offsetElements, length);
    const { gpu, offset, root, dtype } = buffer as GpuBuffer;
    return { id: this.nextId++, length, dtype, gpu, offset: offset + offsetElements * 4, root };
  }

  write(buffer: DeviceBuffer, data: ArrayLike<number>, offsetElements = 0): void {
    const typed = buffer.dtype === 'u32' ? Uint32Array.from(data) : Float32Array.from(data);
    const { gpu, offset } = buffer as GpuBuffer;
    this.inOrder(() => this.uploads.write(gpu, offset + offsetElements * 4, typed));
  }

  copy(from: DeviceBuffer, to: DeviceBuffer): void {
    const [source, target] = [from as GpuBuffer, to as GpuBuffer];
    this.inOrder(() => this.commandEncoder().copyBufferToBuffer(source.gpu, source.offset, target.gpu, target.offset, source.length * 4));
  }

  /** The copy is recorded and submitted at once, so the buffer may be reused right after the call. */
  read(buffer: DeviceBuffer): Promise<HostArray> {
    const refusal = this.readBacks.refusal;
    if (refusal) return Promise.reject(refusal);
    const generation = this.readBacks.generation;
    const source = buffer as GpuBuffer;
    const staging =
      this.stagingPool.take(source.length, source.dtype) ??
      this.createBuffer(source.length, source.dtype, GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST);
    this.inOrder(() => {
      this.commandEncoder().copyBufferToBuffer(source.gpu, source.offset, staging.gpu, 0, source.length * 4);
      this.submit();
    });
    return this.readBacks.finish(staging.gpu, staging.dtype, generation, this.recorded, () => this.stagingPool.give(staging));
  }

  run<T extends ParamTypes>(kernel: Kernel<T>, params: ParamValues<T>, buffers: DeviceBuffer[]): void {
    const [x, y = 1, z = 1] = kernel.workgroups(params, this.tuning);
    if (x === 0 || y === 0 || z === 0) return;
    const pipelineKey = pipelineKeyOf(kernel);
    // Made even while a stand-in runs, so that the switch to the kernel later allocates nothing.
    const { key: uniformKey } = this.bindings.uniform(kernel, params);
    const pipeline = this.pipelines.get(pipelineKey);
    if (!pipeline && kernel.standIns && this.tuning.standIns) {
      // On a software adapter the compile would take the CPU that runs the work queued (the first step).
      const queueDone = () => this.recorded.catch(() => {}).then(() => this.device.queue.onSubmittedWorkDone());
      this.pipelines.compileInBackground(pipelineKey, kernel, queueDone);
      return this.run(pickStandIn(kernel.standIns, (standIn) => this.pipelines.started(standIn)), params, buffers);
    }
    const gpuBuffers = this.withPlaceholders(kernel, buffers as GpuBuffer[]);
    const bindKey = `${pipelineKey}|${uniformKey}|${gpuBuffers.map((b) => b.id).join(',')}`;
    if (pipeline && this.queued.length === 0) return this.dispatch(pipeline, bindKey, uniformKey, gpuBuffers, [x, y, z]);
    const work = () => this.dispatch(this.pipelines.get(pipelineKey)!, bindKey, uniformKey, gpuBuffers, [x, y, z]);
    this.defer({ work, pipelineKey, compiled: pipeline ? undefined : this.pipelines.compile(pipelineKey, kernel) });
  }

  private dispatch(pipeline: GPUComputePipeline, bindKey: string, uniformKey: string, buffers: GpuBuffer[], [x, y, z]: number[]): void {
    const bindGroup = this.bindings.bindGroup(pipeline, bindKey, uniformKey, buffers);
    const pass = this.computePass();
    pass.setPipeline(pipeline);
    pass.setBindGroup(0, bindGroup);
    pass.dispatchWorkgroups(x, y, z);
    this.stats.dispatches++;
  }

  flush(): void {
    this.inOrder(() => this.submit());
  }

  async idle(): Promise<void> {
    this.flush();
    await this.recorded;
    if (this.pipelines.backgroundError) throw this.pipelines.backgroundError;
    await this.device.queue.onSubmittedWorkDone();
  }

  async compiled(): Promise<void> {
    await this.recorded;
    await this.pipelines.backgroundDone();
    if (this.pipelines.backgroundError) throw this.pipelines.backgroundError;
  }

  counters() {
    return {
      ...this.stats,
      cachedBindGroups: this.bindings.bindGroupCount,
      cachedUniforms: this.bindings.uniformCount,
      pooledBuffers: this.pool.size + this.stagingPool.size,
    };
  }

  /**
   * Frees only what no recorded command can still use: it waits until nothing is queued behind a
   * compilation and submits what is recorded, so every use of a pooled buffer is submitted; WebGPU
   * lets a buffer be destroyed while submitted work uses it (the memory goes when that is done).
   */
  async trim(): Promise<void> {
    if (this.destroyed) return;
    do await this.idle();
    while (this.queued.length > 0);
    if (this.destroyed) return;
    this.submit();
    const freed = [...this.pool.drain(), ...this.stagingPool.drain()];
    for (const buffer of freed) {
      buffer.gpu.destroy();
      this.allBuffers.delete(buffer.gpu);
      this.stats.buffersHeld--;
      this.stats.bytesHeld -= bytesOf(buffer.length);
    }
    this.bindings.evict(new Set(freed.map((buffer) => buffer.id)));
  }

  onError(listener: (error: BackendError) => void): () => void {
    return this.errors.onError(listener);
  }

  guard<T>(work: () => Promise<T>): Promise<T> {
    return this.errors.guard(work);
  }

  scoped<T>(work: () => T): Scoped<T> {
    return this.errors.scoped(work);
  }

  injectError(kind: 'validation' | 'out-of-memory'): void {
    this.errors.inject(kind);
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.readBacks.cancel('the WebGPU backend was destroyed');
    this.queued = [];
    for (const buffer of this.allBuffers) buffer.destroy();
    this.bindings.destroy();
    this.allBuffers.clear();
    this.device.destroy();
  }

  private createBuffer(length: number, dtype: DType, usage: GPUBufferUsageFlags): GpuBuffer {
    const size = bytesOf(length);
    const gpu = this.device.createBuffer({ size, usage });
    this.allBuffers.add(gpu);
    this.stats.buffersCreated++;
    this.stats.buffersHeld++;
    this.stats.bytesCreated += size;
    this.stats.bytesHeld += size;
    const id = this.nextId++;
    return { id, length, dtype, gpu, offset: 0, root: id };
  }

  private withPlaceholders(kernel: Kernel, buffers: GpuBuffer[]): GpuBuffer[] {
    const missing = (kernel.declaredBuffers ?? 0) - buffers.length;
    if (missing <= 0) return buffers;
    while (this.placeholders.length < missing) this.placeholders.push(this.createBuffer(1, 'f32', GPUBufferUsage.STORAGE));
    return [...buffers, ...this.placeholders.slice(0, missing)];
  }

  /** Runs `work` now, or after the work already queued for pipelines still compiling. */
  private inOrder(work: () => void): void {
    if (this.queued.length === 0) work();
    else this.defer({ work });
  }

  /** Queues work until the work before it is recorded and its pipeline, if it names one, is ready. */
  private defer(entry: WebGpuBackend['queued'][number]): void {
    this.queued.push(entry);
    if (this.queued.length === 1) {
      this.recorded = this.recordWhenCompiled();
      // A failure is reported by the next read() or idle(), not as an unhandled rejection.
      this.recorded.catch(() => {});
    }
  }

  /** Records the queue in order, each dispatch once its pipeline is ready (work queued meanwhile included). */
  private async recordWhenCompiled(): Promise<void> {
    while (this.queued.length > 0) {
      const next = this.queued[0];
      if (next.pipelineKey && !this.pipelines.get(next.pipelineKey)) {
        // SwiftShader runs what is submitted on the cores that the compile leaves free.
        this.submit();
        try {
          await next.compiled;
        } catch (error) {
          this.queued = [];
          throw error;
        }
        if (this.destroyed) return;
        continue;
      }
      this.queued.shift();
      next.work();
    }
  }

  private submit(): void {
    if (!this.encoder) return;
    this.endPass();
    this.device.queue.submit([this.encoder.finish()]);
    this.encoder = null;
    this.uploads.submitted();
    this.stats.submissions++;
  }

  /** The encoder, outside any pass (copies go between passes). */
  private commandEncoder(): GPUCommandEncoder {
    this.endPass();
    this.encoder ??= this.device.createCommandEncoder();
    return this.encoder;
  }

  private computePass(): GPUComputePassEncoder {
    this.pass ??= this.commandEncoder().beginComputePass();
    return this.pass;
  }

  private endPass(): void {
    this.pass?.end();
    this.pass = null;
  }
}
