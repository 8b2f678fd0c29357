import type { Counters, Kernel, ParamTypes } from '../backend';

/** Kernel objects live for the whole program, so each one's pipeline key is built once, not per dispatch. */
const pipelineKeys = new WeakMap<Kernel, string>();

/** Kernels with the same key share a pipeline: the same module, entry point and constants. */
export function pipelineKeyOf(kernel: Kernel): string {
  let key = pipelineKeys.get(kernel);
  if (!key) {
    key = `${kernel.name}|${kernel.entry}|${JSON.stringify(kernel.constants ?? {})}`;
    pipelineKeys.set(kernel, key);
  }
  return key;
}

/**
 * Which of a kernel's stand-ins runs: the first whose pipeline is made or being made (so that a
 * step compiles as few as it can), else the first.
 */
export function pickStandIn<K>(standIns: readonly K[], started: (standIn: K) => boolean): K {
  return standIns.find(started) ?? standIns[0];
}

/**
 * A device's compute pipelines, compiled asynchronously and cached by key: those that queued work
 * waits for, and those compiled in the background while their kernels' stand-ins run.
 */
export class Pipelines {
  private readonly modules = new Map<string, GPUShaderModule>();
  private readonly ready = new Map<string, GPUComputePipeline>();
  /** Compilations that queued work waits for. */
  private readonly compiling = new Map<string, Promise<void>>();
  /** Compilations behind stand-ins, started once the queued work is recorded and done, so as not to delay it. */
  private readonly background = new Map<string, Promise<void>>();
  /** The first background compilation that failed, reported by the backend's idle() and compiled(). */
  backgroundError: Error | null = null;

  constructor(
    private readonly device: GPUDevice,
    private readonly stats: Counters,
  ) {}

  get(key: string): GPUComputePipeline | undefined {
    return this.ready.get(key);
  }

  /** Whether this kernel's pipeline is ready or compiling. */
  started(kernel: Kernel): boolean {
    const key = pipelineKeyOf(kernel);
    return this.ready.has(key) || this.compiling.has(key) || this.background.has(key);
  }

  /** Starts compiling, unless it has started; the pipeline is ready when the promise settles. */
  compile(key: string, kernel: Kernel<ParamTypes>): Promise<void> {
    let compiled = this.compiling.get(key);
    if (!compiled) {
      compiled = this.create(key, kernel).finally(() => this.compiling.delete(key));
      compiled.catch(() => {}); // reported by the queue that waits for it, not as an unhandled rejection
      this.compiling.set(key, compiled);
    }
    return compiled;
  }

  /** Compiles once `idle()` settles, unless that has started; a failure lands in backgroundError. */
  compileInBackground(key: string, kernel: Kernel<ParamTypes>, idle: () => Promise<unknown>): void {
    if (this.background.has(key)) return;
    const compiled = idle()
      .then(() => this.create(key, kernel))
      .catch((error: Error) => {
        this.backgroundError = error;
      })
      .finally(() => this.background.delete(key));
    this.background.set(key, compiled);
  }

  /** Settles once no compilation is running in the background. */
  async backgroundDone(): Promise<void> {
    while (this.background.size > 0) await Promise.all(this.background.values());
  }

  private create(key: string, kernel: Kernel<ParamTypes>): Promise<void> {
    let module = this.modules.get(kernel.wgsl);
    if (!module) {
      module = this.device.createShaderModule({ code: kernel.wgsl, label: kernel.name });
      this.modules.set(kernel.wgsl, module);
    }
    return this.device
      .createComputePipelineAsync({
        label: key,
        layout: 'auto',
        compute: { module, entryPoint: kernel.entry, constants: kernel.constants },
      })
      .then(
        (pipeline) => {
          this.ready.set(key, pipeline);
          this.stats.pipelinesCompiled++;
        },
        (error: Error) => {
          throw new Error(`WebGPU pipeline creation failed for ${kernel.name}: ${error.message}`);
        },
      );
  }
}
