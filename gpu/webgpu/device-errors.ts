import { BackendError, ErrorListeners, type GpuErrorKind, type Scoped } from '../backend';

function kindOf(error: GPUError): GpuErrorKind {
  if (error instanceof GPUOutOfMemoryError) return 'out-of-memory';
  if (error instanceof GPUValidationError) return 'validation';
  return 'internal';
}

export function backendErrorOf(error: GPUError): BackendError {
  return new BackendError(kindOf(error), error.message);
}

const SCOPES: GPUErrorFilter[] = ['out-of-memory', 'validation', 'internal'];

/**
 * A device's uncaptured errors: told to the onError listeners, and counted, so that a read can tell
 * whether one was raised while it was in flight (see WebGpuBackend.read).
 */
export class DeviceErrors {
  private readonly listeners = new ErrorListeners();
  /** How many uncaptured errors the device has raised so far. */
  private count = 0;
  private latest: BackendError | null = null;
  /** What each scoped() open now will have caught, innermost last. */
  private readonly scopes: Promise<BackendError | null>[] = [];

  constructor(private readonly device: GPUDevice) {
    device.addEventListener('uncapturederror', (event) => this.raised((event as GPUUncapturedErrorEvent).error));
  }

  get generation(): number {
    return this.count;
  }

  /** The latest error raised after `generation` was read, if any was. */
  since(generation: number): BackendError | null {
    return this.count > generation ? this.latest : null;
  }

  onError(listener: (error: BackendError) => void): () => void {
    return this.listeners.add(listener);
  }

  /**
   * What the innermost scoped() open now will have caught: the reads asked for inside it wait for
   * it (see ReadBacks), since a failed step's staging buffer would give its old value back as new.
   */
  get openScope(): Promise<BackendError | null> | null {
    return this.scopes.at(-1) ?? null;
  }

  /**
   * Error scopes are a stack on the device, not per caller: whatever else runs on the device while
   * `work` is pending is caught here too, which is what building a model wants (nothing else runs).
   */
  async guard<T>(work: () => Promise<T>): Promise<T> {
    this.pushScopes();
    let result: { value: T } | { error: unknown };
    try {
      result = { value: await work() };
    } catch (error) {
      result = { error };
    }
    const caught = await this.popScopes();
    if (caught) throw caught;
    if ('error' in result) throw result.error;
    return result.value;
  }

  /** Synchronous work, so nothing else can run inside its scopes: what they catch is its own. */
  scoped<T>(work: () => T): Scoped<T> {
    let settle!: (caught: Promise<BackendError | null>) => void;
    const error = new Promise<BackendError | null>((resolve) => (settle = resolve));
    this.scopes.push(error);
    this.pushScopes();
    try {
      return { result: work(), error };
    } finally {
      this.scopes.pop();
      settle(this.popScopes());
    }
  }

  /**
   * 'validation' asks Dawn for a buffer both mappable for reading and for writing, which WebGPU
   * forbids: a real validation error, raised by the device itself. A real out-of-memory error
   * cannot be provoked without exhausting memory, so that one is dispatched as the event the device
   * would fire; Dawn and Chromium both let GPUOutOfMemoryError and GPUUncapturedErrorEvent be
   * constructed, and the event goes through the same listener as a real one.
   */
  inject(kind: 'validation' | 'out-of-memory'): void {
    if (kind === 'validation') {
      this.device.createBuffer({ size: 4, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.MAP_WRITE, label: 'injected error' });
    } else {
      const error = new GPUOutOfMemoryError('injected by injectError() (a test of the fault path)');
      this.device.dispatchEvent(new GPUUncapturedErrorEvent('uncapturederror', { error }));
    }
  }

  private pushScopes(): void {
    for (const filter of SCOPES) this.device.pushErrorScope(filter);
  }

  /** Pops what pushScopes() pushed, innermost first; the first kind that caught one explains best what went wrong. */
  private async popScopes(): Promise<BackendError | null> {
    const caught = (await Promise.all(SCOPES.map(() => this.device.popErrorScope()))).reverse();
    const first = caught.find((error) => error !== null);
    return first ? backendErrorOf(first) : null;
  }

  private raised(error: GPUError): void {
    this.count++;
    this.latest = backendErrorOf(error);
    // Never silent: with nobody listening, the console is told.
    if (this.listeners.count === 0) console.error(this.latest.message);
    else this.listeners.report(this.latest);
  }
}
