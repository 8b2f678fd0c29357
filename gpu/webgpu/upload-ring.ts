/**
 * Small writes (up to RIDE_ALONG_BYTES) ride along with the recorded work instead of forcing a
 * submission: their bytes go to a slot of one ring buffer by queue.writeBuffer, which lands before
 * the next submit, and a copy from that slot to the target is recorded in order with the
 * dispatches. No slot is written twice between two submissions, so each copy reads its own bytes;
 * work already submitted reads the ring before a later writeBuffer changes it (the queue keeps them
 * in order). So the values a training step writes (its batch's position, the optimiser's bias
 * corrections) cost no submission. Larger writes (a dataset, an epoch's order, a restored
 * checkpoint) are rare; they, and a small one that finds the ring full, go straight to their
 * buffer after a submission of what came before.
 */
const RIDE_ALONG_BYTES = 4096;
const RING_BYTES = 64 * 1024;

/** What the ring needs of its backend. */
interface Host {
  /** Makes the ring, once, on the first small write (the backend counts what it creates). */
  create(bytes: number, usage: GPUBufferUsageFlags): GPUBuffer;
  /** The command encoder of the work being recorded, outside any pass. */
  encoder(): GPUCommandEncoder;
  /** Submits the work recorded so far (and calls submitted()). */
  submit(): void;
}

export class UploadRing {
  private ring: GPUBuffer | null = null;
  /** Bytes of the ring used since the last submission. */
  private used = 0;

  constructor(
    private readonly device: GPUDevice,
    private readonly host: Host,
  ) {}

  /** Writes `bytes` to `target` from byte `at`, after all the work recorded so far. */
  write(target: GPUBuffer, at: number, bytes: Uint32Array<ArrayBuffer> | Float32Array<ArrayBuffer>): void {
    if (bytes.byteLength === 0) return;
    if (bytes.byteLength > RIDE_ALONG_BYTES || this.used + bytes.byteLength > RING_BYTES) {
      // A direct write lands before the next submit, so work recorded earlier must go first.
      this.host.submit();
      this.device.queue.writeBuffer(target, at, bytes);
      return;
    }
    this.ring ??= this.host.create(RING_BYTES, GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST);
    this.device.queue.writeBuffer(this.ring, this.used, bytes);
    this.host.encoder().copyBufferToBuffer(this.ring, this.used, target, at, bytes.byteLength);
    this.used += bytes.byteLength;
  }

  /** After every submission: the copies it holds are ordered before any later write to the ring. */
  submitted(): void {
    this.used = 0;
  }
}
