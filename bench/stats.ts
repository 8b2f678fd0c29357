// The statistics row: one run trained with its layer statistics sampled as the worker samples a
// watched run (the norms of a step every NORMS_INTERVAL_MS, the probe and the first layer's weights
// every PROBE_INTERVAL_MS, one of each in flight, never awaited by the loop) against the same
// configuration with none, alternately.
import { NORMS_INTERVAL_MS, PROBE_INTERVAL_MS, probeDue, reportDue } from '../app/worker/policy';
import { DEFAULT_CONFIG, trainTogether, type DeviceData, type Engine, type Trainer } from '../gpu';
import type { RunSteps } from './measure';
import { measurePair, roundsOf, trainerFor, trainersContender, type Lengths } from './race';
import type { StatsCostResult } from './results';

/** What every watched run sampled, summed over the repetitions; ms is their training time. */
interface Tally {
  norms: number;
  probes: number;
  ms: number;
  /** From a probe's start to its landing, each: what the worker's probe policy paces itself by. */
  probeMs: number[];
}

/** Steps of one trainer that sample its statistics on a clock of its own training time, across runs. */
class Sampler {
  private clockMs = 0;
  private lastNormsMs = -Infinity;
  private normsInFlight = false;
  private lastProbeMs = -Infinity;
  private lastProbeDurationMs = 0;
  private probeInFlight = false;

  constructor(
    private readonly trainer: Trainer,
    private readonly tally: Tally,
  ) {}

  readonly run: RunSteps = async (steps) => {
    const { trainer } = this;
    const runStart = performance.now();
    const now = () => this.clockMs + performance.now() - runStart;
    const landing: Promise<unknown>[] = [];
    let rows = 0;
    let taken = 0;
    if (steps > 0) {
      for await (const { step } of trainTogether([trainer])) {
        rows += step.rows;
        if (step.loss) landing.push(step.loss);
        if (step.norms) landing.push(step.norms.then(() => this.normsLanded()));
        // The last step's request would fall on the next run: none is made after it.
        if (++taken === steps) break;
        this.sample(now(), landing);
      }
    }
    await Promise.all(landing);
    await trainer.engine.backend.idle();
    const elapsedMs = performance.now() - runStart;
    this.clockMs += elapsedMs;
    this.tally.ms += elapsedMs;
    return rows;
  };

  private normsLanded(): void {
    this.normsInFlight = false;
    this.tally.norms++;
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
          this.tally.probeMs.push(this.lastProbeDurationMs);
          this.probeInFlight = false;
          this.tally.probes++;
        }),
      );
    }
  }
}

/** The default configuration with its statistics sampled, against it without, alternately. */
export async function measureStatsCost(engine: Engine, data: DeviceData, lengths: Lengths, progress: (text: string) => void): Promise<StatsCostResult> {
  const { batchSize, activation } = DEFAULT_CONFIG;
  const tally: Tally = { norms: 0, probes: 0, ms: 0, probeMs: [] };
  const one = () => [trainerFor(engine, data, activation, batchSize)];
  const [plainSamplesPerSec, watchedSamplesPerSec] = await measurePair(
    [
      trainersContender('without statistics', one, (trainers) => roundsOf(engine, trainers)),
      trainersContender('with statistics', one, ([trainer]) => new Sampler(trainer, tally).run),
    ],
    lengths,
    progress,
  );
  const seconds = tally.ms / 1000;
  return {
    batchSize,
    normsIntervalMs: NORMS_INTERVAL_MS,
    probeIntervalMs: PROBE_INTERVAL_MS,
    normsPerSec: tally.norms / seconds,
    probesPerSec: tally.probes / seconds,
    probeMs: tally.probeMs,
    plainSamplesPerSec,
    watchedSamplesPerSec,
  };
}
