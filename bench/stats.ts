// The statistics row: one run trained with its layer statistics sampled as the worker samples a
// watched run (the norms of a step every NORMS_INTERVAL_MS, the probe and the first layer's weights
// every PROBE_INTERVAL_MS, one of each in flight, never awaited by the loop) against the same
// configuration with none, alternately.
import { NORMS_INTERVAL_MS, PROBE_INTERVAL_MS, probeDue, reportDue } from '../app/worker/policy';
import { DEFAULT_CONFIG, trainTogether, type DeviceData, type Engine, type Trainer } from '../gpu';
import type { RunSteps } from './measure';
import { alternate, roundsOf, trainerFor } from './race';
import type { StatsCostResult } from './results';

/** Steps of one trainer that sample its statistics on a clock of its own training time, across blocks. */
class Sampler {
  readonly sampled = { norms: 0, probes: 0, ms: 0 };
  /** From a probe's start to its landing, each: what the worker's probe policy paces itself by. */
  readonly probeMs: number[] = [];
  private lastNormsMs = -Infinity;
  private normsInFlight = false;
  private lastProbeMs = -Infinity;
  private lastProbeDurationMs = 0;
  private probeInFlight = false;

  constructor(private readonly trainer: Trainer) {}

  readonly run: RunSteps = async (steps) => {
    const { trainer } = this;
    const blockStart = performance.now();
    const now = () => this.sampled.ms + performance.now() - blockStart;
    const landing: Promise<unknown>[] = [];
    let rows = 0;
    let taken = 0;
    if (steps > 0) {
      for await (const { step } of trainTogether([trainer])) {
        rows += step.rows;
        if (step.loss) landing.push(step.loss);
        if (step.norms) landing.push(step.norms.then(() => this.normsLanded()));
        // The last step's request would fall on the next block: none is made after it.
        if (++taken === steps) break;
        this.sample(now(), landing);
      }
    }
    await Promise.all(landing);
    await trainer.engine.backend.idle();
    this.sampled.ms = now();
    return rows;
  };

  private normsLanded(): void {
    this.normsInFlight = false;
    this.sampled.norms++;
  }

  private sample(nowMs: number, landing: Promise<unknown>[]): void {
    if (!this.normsInFlight && reportDue(nowMs, this.lastNormsMs, NORMS_INTERVAL_MS)) {
      this.trainer.requestNorms();
      this.normsInFlight = true;
      this.lastNormsMs = nowMs;
    }
    if (!this.probeInFlight && probeDue({ nowMs, lastStartMs: this.lastProbeMs, lastDurationMs: this.lastProbeDurationMs })) {
      this.probeInFlight = true;
      this.lastProbeMs = nowMs;
      const started = performance.now();
      landing.push(
        Promise.all([this.trainer.probe(), this.trainer.firstLayerWeights()]).then(() => {
          this.lastProbeDurationMs = performance.now() - started;
          this.probeMs.push(this.lastProbeDurationMs);
          this.probeInFlight = false;
          this.sampled.probes++;
        }),
      );
    }
  }
}

/** The default configuration with its statistics sampled, against it without, alternately. */
export async function measureStatsCost(engine: Engine, data: DeviceData, windowMs: number, progress: (text: string) => void): Promise<StatsCostResult> {
  const { batchSize } = DEFAULT_CONFIG;
  const plain = trainerFor(engine, data, DEFAULT_CONFIG.activation, batchSize);
  const watched = trainerFor(engine, data, DEFAULT_CONFIG.activation, batchSize);
  const sampler = new Sampler(watched);
  const [plainSamplesPerSec, watchedSamplesPerSec] = await alternate(
    [
      { name: 'without statistics', run: roundsOf(engine, [plain]), trainers: 1 },
      { name: 'with statistics', run: sampler.run, trainers: 1 },
    ],
    windowMs,
    progress,
  );
  const seconds = sampler.sampled.ms / 1000;
  plain.dispose();
  watched.dispose();
  return {
    batchSize,
    normsIntervalMs: NORMS_INTERVAL_MS,
    probeIntervalMs: PROBE_INTERVAL_MS,
    normsPerSec: sampler.sampled.norms / seconds,
    probesPerSec: sampler.sampled.probes / seconds,
    probeMs: sampler.probeMs,
    plainSamplesPerSec,
    watchedSamplesPerSec,
  };
}
