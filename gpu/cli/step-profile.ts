// The training step one dispatch at a time (npm run bench:step): the dispatches of one recorded step,
// each replayed alone in a loop, so that the step's time can be laid against what each kernel costs
// and, for the matmuls, against its FLOPs and against the 1024³ matmul that the bench's target
// divides by (the step's products run the same register kernel, picked per shape).
import type { Backend, DeviceBuffer, Kernel, ParamTypes, ParamValues } from '../backend';
import type { Trainer } from '../train/trainer';

interface Dispatch {
  kernel: Kernel;
  params: ParamValues<ParamTypes>;
  buffers: DeviceBuffer[];
}

export interface DispatchTiming {
  name: string;
  /** M×N×K for a matmul, else the kernel's parameters. */
  shape: string;
  /** Workgroups the dispatch launches, all dimensions together. */
  workgroups: number;
  ms: number;
  /** CPU time of the software adapter's workers (see worker-cpu.ts), null where unknown. */
  cpuMs: number | null;
  /** 2·M·N·K for a matmul, else 0. */
  flops: number;
}

/** The step's dispatches and the 1024³ matmul's, timed the same way, turn by turn. */
export interface StepProfile {
  step: DispatchTiming[];
  reference: DispatchTiming;
  /**
   * Milliseconds of the step's dispatches replayed back to back, once each, in the same turns: their
   * sum without the gaps between dispatches alone, and the step without its JavaScript, uploads and
   * submissions.
   */
  together: number;
}

/** The dispatches `work` asks `backend` for, run as usual. */
function recordDispatches(backend: Backend, work: () => void): Dispatch[] {
  const dispatches: Dispatch[] = [];
  const run = backend.run.bind(backend);
  backend.run = (kernel, params, buffers) => {
    dispatches.push({ kernel: kernel as unknown as Kernel, params, buffers });
    run(kernel, params, buffers);
  };
  try {
    work();
  } finally {
    // Back to the class's own method.
    Reflect.deleteProperty(backend, 'run');
  }
  return dispatches;
}

function describe({ kernel, params }: Dispatch, backend: Backend): Pick<DispatchTiming, 'shape' | 'flops' | 'workgroups'> {
  const workgroups = kernel.workgroups(params, backend.tuning).reduce((product: number, n) => product * (n ?? 1), 1);
  if ('M' in params && 'N' in params && 'K' in params) {
    return { shape: `${params.M}×${params.N}×${params.K}`, flops: 2 * params.M * params.N * params.K, workgroups };
  }
  return { shape: Object.keys(kernel.params).map((name) => `${name}=${params[name]}`).join(' '), flops: 0, workgroups };
}

/** CPU milliseconds of the software adapter's workers so far (worker-cpu.ts in Node), or null where unknown (a page). */
export type CpuClock = () => number | null;

/** Milliseconds (wall and workers' CPU) that `dispatches` take, from `repeats` of them in one submission. */
async function timeLoop(backend: Backend, dispatches: Dispatch[], repeats: number, cpuClock: CpuClock) {
  const start = performance.now();
  const cpu = cpuClock();
  for (let i = 0; i < repeats; i++) for (const { kernel, params, buffers } of dispatches) backend.run(kernel, params, buffers);
  await backend.idle();
  const cpuMs = cpu === null ? null : (cpuClock()! - cpu) / repeats;
  return { ms: (performance.now() - start) / repeats, cpuMs };
}

const LOOPS = 3;

/**
 * Records the trainer's next step (after a warm-up, every kernel compiled) and the one dispatch of
 * `reference` (the 1024³ matmul), then times each dispatch replayed `repeats` times in one
 * submission (the reference as many times as holds the FLOPs of the step's largest product that
 * often), every dispatch taking its turn in each of a warm-up round and LOOPS timed ones, the median
 * kept: the load of a shared machine then moves them alike. The step's buffers are back in the pool
 * by then but still alive: replaying overwrites temporaries and moves the parameters, which is fine
 * for timing and nothing else.
 */
export async function profileStep(trainer: Trainer, repeats: number, reference: () => void, cpuClock: CpuClock): Promise<StepProfile> {
  const { backend } = trainer.engine;
  const dispatches = recordDispatches(backend, () => trainer.trainStep());
  const references = recordDispatches(backend, reference);
  if (references.length !== 1) throw new Error(`the reference must be one dispatch, not ${references.length}`);
  await backend.idle();
  const all = [...dispatches, references[0]];
  const described = all.map((dispatch) => describe(dispatch, backend));
  const largest = Math.max(...described.slice(0, -1).map((d) => d.flops));
  const referenceRepeats = Math.max(1, Math.round((repeats * largest) / described.at(-1)!.flops));
  const loops = all.map(() => [] as { ms: number; cpuMs: number | null }[]);
  const together: number[] = [];
  for (let round = 0; round <= LOOPS; round++) {
    for (const [i, dispatch] of all.entries()) {
      const loop = await timeLoop(backend, [dispatch], i === all.length - 1 ? referenceRepeats : repeats, cpuClock);
      if (round > 0) loops[i].push(loop);
    }
    const loop = await timeLoop(backend, dispatches, repeats, cpuClock);
    if (round > 0) together.push(loop.ms);
  }
  const middle = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const timings = all.map((dispatch, i): DispatchTiming => {
    const cpu = loops[i].map((l) => l.cpuMs);
    return {
      name: dispatch.kernel.name,
      ms: middle(loops[i].map((l) => l.ms)),
      cpuMs: cpu.every((ms) => ms !== null) ? middle(cpu as number[]) : null,
      ...described[i],
    };
  });
  return { step: timings.slice(0, -1), reference: timings.at(-1)!, together: middle(together) };
}

/**
 * The profile as lines of a table: workgroups, wall-clock ms, the share of the dispatches' sum,
 * GFLOP/s and, for a matmul, its GFLOP/s ÷ the 1024³ matmul's; then the same from the workers' CPU
 * time, which the machine's other load moves far less. The 1024³ matmul first, and the step's own
 * time per step last, for comparison.
 */
export function profileLines({ step, reference, together }: StepProfile, stepMs: number): string[] {
  const total = step.reduce((sum, t) => sum + t.ms, 0);
  const cpuTotal = step.reduce((sum, t) => sum + (t.cpuMs ?? NaN), 0);
  const rate = (flops: number, ms: number) => flops / ms / 1e6;
  const gflops = (t: DispatchTiming, ms: number, against: number) =>
    t.flops > 0 ? `${rate(t.flops, ms).toFixed(2).padStart(6)} GFLOP/s ${(rate(t.flops, ms) / against).toFixed(2).padStart(5)}×` : ''.padStart(21);
  const referenceWall = rate(reference.flops, reference.ms);
  const referenceCpu = reference.cpuMs === null ? NaN : rate(reference.flops, reference.cpuMs);
  const line = (t: DispatchTiming, wallShare: string, cpuShare: string) => {
    const wall = `${t.ms.toFixed(3).padStart(8)} ms ${wallShare} ${gflops(t, t.ms, referenceWall)}`;
    const cpu = t.cpuMs === null ? '' : ` | cpu ${t.cpuMs.toFixed(2).padStart(7)} ms ${cpuShare} ${gflops(t, t.cpuMs, referenceCpu)}`;
    return `  ${t.name.padEnd(58)} ${t.shape.padEnd(18)} ${String(t.workgroups).padStart(5)} wg ${wall}${cpu}`;
  };
  const share = (part: number | null, whole: number) => `${((100 * (part ?? NaN)) / whole).toFixed(1).padStart(5)} %`;
  return [
    `  (× = GFLOP/s ÷ the 1024³ matmul's, timed alike)`,
    line(reference, ''.padStart(7), ''.padStart(7)),
    ...step.map((t) => line(t, share(t.ms, total), share(t.cpuMs, cpuTotal))),
    `  sum of the ${step.length} dispatches alone: ${total.toFixed(2)} ms${Number.isNaN(cpuTotal) ? '' : ` (cpu ${cpuTotal.toFixed(2)} ms)`}; replayed back to back: ${together.toFixed(2)} ms; the step: ${stepMs.toFixed(2)} ms`,
  ];
}
