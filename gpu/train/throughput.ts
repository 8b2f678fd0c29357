/**
 * Samples per second, counted one way everywhere (the worker, the CLI, the bench): rows actually
 * trained, over the time the clock ran. The clock runs only while training — a pause or a test
 * evaluation stops it — so the figure is the speed of training, not of waiting.
 */
export class Throughput {
  /** Rows trained since the start. */
  rows = 0;
  private stoppedMs = 0;
  private runningSince: number | null = null;
  private windowStartMs = 0;
  private windowRows = 0;
  private recentRate = 0;

  /** `windowMs`: the recent rate is averaged over at least this long, so it does not flicker. */
  constructor(
    private readonly windowMs = 1000,
    private readonly now: () => number = () => performance.now(),
  ) {}

  get running(): boolean {
    return this.runningSince !== null;
  }

  start(): void {
    if (this.runningSince !== null) return;
    this.runningSince = this.now();
    this.windowStartMs = this.elapsedMs;
    this.windowRows = 0;
  }

  stop(): void {
    if (this.runningSince === null) return;
    this.stoppedMs += this.now() - this.runningSince;
    this.runningSince = null;
  }

  count(rows: number): void {
    this.rows += rows;
    this.windowRows += rows;
  }

  /** Time the clock has run. */
  get elapsedMs(): number {
    return this.stoppedMs + (this.runningSince === null ? 0 : this.now() - this.runningSince);
  }

  /** Rows per second over the whole run. */
  get overall(): number {
    const ms = this.elapsedMs;
    return ms > 0 ? (this.rows * 1000) / ms : 0;
  }

  /** Rows per second over the latest window of at least `windowMs`; the overall rate until one has passed. */
  get recent(): number {
    const ms = this.elapsedMs - this.windowStartMs;
    if (ms >= this.windowMs) {
      this.recentRate = (this.windowRows * 1000) / ms;
      this.windowStartMs = this.elapsedMs;
      this.windowRows = 0;
    }
    return this.recentRate || this.overall;
  }
}

/**
 * Multiply-adds a training step really runs, ×2, per sample, for an MLP of these layer sizes
 * (input first). Per layer of fan-in I and fan-out O: the forward product (I·O), the weight
 * gradient (I·O), and the input gradient (I·O) for every layer but the first, whose input is the
 * data and whose gradient no one asks for (the engine never computes it). Bias adds, activations,
 * the loss and the optimiser are elementwise, O(I + O) per sample or per step, and not counted.
 */
export function executedFlopsPerSample(sizes: readonly number[]): number {
  let madds = 0;
  for (let layer = 0; layer + 1 < sizes.length; layer++) {
    const products = layer === 0 ? 2 : 3;
    madds += products * sizes[layer] * sizes[layer + 1];
  }
  return 2 * madds;
}
