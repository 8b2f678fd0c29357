import { ReadCancelledError, type BackendError, type DType, type HostArray } from '../backend';
import type { DeviceErrors } from './device-errors';

/**
 * The reads in flight: each one settles with its data, with the device error raised while it was
 * in flight, or, when the device goes away, with a cancellation that says so.
 *
 * A submission that fails leaves its staging buffer as it was, and mapping it still succeeds, so
 * an old value would come back as new. So the error count is taken when the read is asked for,
 * before its copy is recorded and submitted, and compared once the data is mapped: an error raised
 * in between, by this read's submission or any other, rejects the read. Dawn in Node raises an
 * uncaptured error synchronously, inside the failing call (createBuffer, createBindGroup,
 * submit…); Chromium delivers it later, from the GPU process, and was seen to deliver it after the
 * map had resolved, but always before an onSubmittedWorkDone() asked for after the map: the count
 * is compared once that has resolved too. An error caught by the Backend.scoped() call that asked
 * for the read is not counted there: the read waits for what that scope caught instead.
 */
export class ReadBacks {
  private readonly pending = new Set<(reason: Error) => void>();
  /** Why reads can no longer complete: the device was lost or the backend destroyed. */
  private gone: string | null = null;

  constructor(
    private readonly device: GPUDevice,
    private readonly errors: DeviceErrors,
  ) {}

  /** Why a read asked for now cannot be done, if it cannot. */
  get refusal(): Error | null {
    return this.gone ? new ReadCancelledError(`read-back refused: ${this.gone}`) : null;
  }

  /** To be taken when a read is asked for, and given to finish(). */
  get generation(): number {
    return this.errors.generation;
  }

  /**
   * Maps `staging` once `recorded` (the queue holding its copy) has settled, and hands it to
   * `done` for reuse once its bytes are copied out.
   */
  finish(staging: GPUBuffer, dtype: DType, generation: number, recorded: Promise<void>, done: () => void): Promise<HostArray> {
    const scope = this.errors.openScope;
    return new Promise((resolve, reject) => {
      this.pending.add(reject);
      this.map(staging, dtype, generation, recorded, done, scope)
        .then(resolve, reject)
        .finally(() => this.pending.delete(reject));
    });
  }

  /** Every read in flight rejects with this reason, not with the AbortError of its unmapped buffer. */
  cancel(reason: string): void {
    this.gone ??= reason;
    for (const reject of this.pending) reject(new ReadCancelledError(`read-back cancelled: ${reason}`));
    this.pending.clear();
  }

  private async map(
    staging: GPUBuffer,
    dtype: DType,
    generation: number,
    recorded: Promise<void>,
    done: () => void,
    scope: Promise<BackendError | null> | null,
  ) {
    await recorded;
    try {
      await staging.mapAsync(GPUMapMode.READ);
    } catch (error) {
      // Unmapped or destroyed under the map: the device went away (this read was cancelled with
      // the reason already, where it was known first).
      throw new ReadCancelledError(`read-back cancelled: ${this.gone ?? (error as Error).message}`, { cause: error });
    }
    const bytes = staging.getMappedRange().slice(0);
    staging.unmap();
    done();
    await this.device.queue.onSubmittedWorkDone();
    const failed = this.errors.since(generation) ?? (await scope);
    if (failed) throw failed;
    return dtype === 'u32' ? new Uint32Array(bytes) : new Float32Array(bytes);
  }
}
