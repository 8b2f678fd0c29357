import type { Counters, DeviceBuffer, Kernel, ParamTypes, ParamValues } from '../backend';

interface CachedBindGroup {
  readonly group: GPUBindGroup;
  readonly uniformKey: string;
  readonly bufferIds: readonly number[];
}

interface CachedUniform {
  readonly buffer: GPUBuffer;
  readonly bytes: number;
}

/**
 * Uniform buffers and bind groups, cached by what they are made of: shapes repeat from step to
 * step, so a repeated step makes none. evict() forgets those made for buffers that are gone, so the
 * caches follow the models that are alive instead of growing with every configuration tried.
 */
export class BindingCache {
  private readonly uniforms = new Map<string, CachedUniform>();
  private readonly groups = new Map<string, CachedBindGroup>();

  constructor(
    private readonly device: GPUDevice,
    private readonly stats: Counters,
  ) {}

  get bindGroupCount(): number {
    return this.groups.size;
  }

  get uniformCount(): number {
    return this.uniforms.size;
  }

  /** Uniform buffers are keyed by their contents (the kernel's name and parameter values). */
  uniform<T extends ParamTypes>(kernel: Kernel<T>, params: ParamValues<T>): { key: string; buffer: GPUBuffer } {
    const names = Object.keys(kernel.params);
    const key = `${kernel.name}:${names.map((n) => params[n]).join(',')}`;
    let cached = this.uniforms.get(key);
    if (!cached) {
      const words = new ArrayBuffer(Math.max(16, Math.ceil((names.length * 4) / 16) * 16));
      const view = new DataView(words);
      names.forEach((name, i) => {
        if (kernel.params[name] === 'u32') view.setUint32(i * 4, params[name], true);
        else view.setFloat32(i * 4, params[name], true);
      });
      const buffer = this.device.createBuffer({ size: words.byteLength, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
      this.device.queue.writeBuffer(buffer, 0, words);
      cached = { buffer, bytes: words.byteLength };
      this.uniforms.set(key, cached);
      this.stats.buffersCreated++;
      this.stats.bytesCreated += cached.bytes;
      this.hold(1, cached.bytes);
    }
    return { key, buffer: cached.buffer };
  }

  /** `root` is the id of the buffer that owns `gpu`, which a slice shares (see Backend.slice). */
  bindGroup(
    pipeline: GPUComputePipeline,
    key: string,
    uniformKey: string,
    buffers: readonly (DeviceBuffer & { gpu: GPUBuffer; offset: number; root: number })[],
  ): GPUBindGroup {
    const cached = this.groups.get(key);
    if (cached) return cached.group;
    const uniform = this.uniforms.get(uniformKey);
    if (!uniform) throw new Error(`no uniform buffer ${uniformKey} for bind group ${key}`);
    const group = this.device.createBindGroup({
      layout: pipeline.getBindGroupLayout(0),
      entries: [
        { binding: 0, resource: { buffer: uniform.buffer } },
        ...buffers.map((b, i) => ({ binding: i + 1, resource: { buffer: b.gpu, offset: b.offset, size: Math.max(4, b.length * 4) } })),
      ],
    });
    // Keyed by the owners, so that freeing a buffer evicts the bind groups of its slices too.
    this.groups.set(key, { group, uniformKey, bufferIds: buffers.map((b) => b.root) });
    this.stats.bindGroupsCreated++;
    return group;
  }

  /**
   * Forgets the bind groups that use any of `freedIds`, then destroys the uniforms that no bind
   * group left uses. Only while nothing recorded is waiting to be submitted: a queued dispatch
   * would still need them.
   */
  evict(freedIds: ReadonlySet<number>): void {
    for (const [key, cached] of this.groups) {
      if (cached.bufferIds.some((id) => freedIds.has(id))) this.groups.delete(key);
    }
    const inUse = new Set([...this.groups.values()].map((cached) => cached.uniformKey));
    for (const [key, uniform] of this.uniforms) {
      if (inUse.has(key)) continue;
      uniform.buffer.destroy();
      this.uniforms.delete(key);
      this.hold(-1, -uniform.bytes);
    }
  }

  destroy(): void {
    for (const uniform of this.uniforms.values()) uniform.buffer.destroy();
    this.uniforms.clear();
    this.groups.clear();
  }

  private hold(buffers: number, bytes: number): void {
    this.stats.buffersHeld += buffers;
    this.stats.bytesHeld += bytes;
  }
}
