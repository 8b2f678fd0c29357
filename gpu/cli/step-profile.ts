// The training step one dispatch at a time (npm run bench:step): the dispatches of one recorded step,
// each replayed alone in a loop, so that the step's time can be laid against what each kernel costs
// and, for the matmuls, against its FLOPs.
import type { Backend, DeviceBuffer, Kernel, ParamTypes, ParamValues } from '../backend';
import type { Trainer } from '../train/trainer';
import { workerCpuMs } from './worker-cpu';

interface Dispatch {
  kernel: Kernel;
  params: ParamValues<ParamTypes>;
  buffers: DeviceBuffer[];
}

export interface DispatchTiming {
  name: string;
  /** M×N×K for a matmul, else the kernel's parameters. */
  shape: string;
  ms: number;
  /** CPU time of the software adapter's workers (see worker-cpu.ts), null where unknown. */
  cpuMs: number | null;
  /** 2·M·N·K for a matmul, else 0. */
  flops: number;
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

function describe({ kernel, params }: Dispatch): Pick<DispatchTiming, 'shape' | 'flops'> {
  if ('M' in params && 'N' in params && 'K' in params) {
    return { shape: `${params.M}×${params.N}×${params.K}`, flops: 2 * params.M * params.N * params.K };
  }
  return { shape: Object.keys(kernel.params).map((name) => `${name}=${params[name]}`).join(' '), flops: 0 };
}

/**
 * Records the trainer's next step (after a warm-up, every kernel compiled) and times each of its
 * dispatches replayed `repeats` times in one submission, median of three such loops. The step's
 * buffers are back in the pool by then but still alive: replaying overwrites temporaries and moves
 * the parameters, which is fine for timing and nothing else.
 */
export async function profileStep(trainer: Trainer, repeats: number): Promise<DispatchTiming[]> {
  const { backend } = trainer.engine;
  const dispatches = recordDispatches(backend, () => trainer.trainStep());
  await backend.idle();
  const timings: DispatchTiming[] = [];
  for (const dispatch of dispatches) {
    const loop = async () => {
      const start = performance.now();
      const cpu = workerCpuMs();
      for (let i = 0; i < repeats; i++) backend.run(dispatch.kernel, dispatch.params, dispatch.buffers);
      await backend.idle();
      const cpuMs = cpu === null ? null : (workerCpuMs()! - cpu) / repeats;
      return { ms: (performance.now() - start) / repeats, cpuMs };
    };
    await loop();
    const loops = [await loop(), await loop(), await loop()];
    const middle = (values: number[]) => [...values].sort((a, b) => a - b)[1];
    const cpu = loops.map((l) => l.cpuMs);
    timings.push({
      name: dispatch.kernel.name,
      ms: middle(loops.map((l) => l.ms)),
      cpuMs: cpu.every((ms) => ms !== null) ? middle(cpu) : null,
      ...describe(dispatch),
    });
  }
  return timings;
}

/**
 * The profile as lines of a table: wall-clock ms, the share of the dispatches' sum, GFLOP/s, and
 * the same from the workers' CPU time, which the machine's other load moves far less. The step's
 * own time per step for comparison.
 */
export function profileLines(timings: readonly DispatchTiming[], stepMs: number): string[] {
  const total = timings.reduce((sum, t) => sum + t.ms, 0);
  const cpuTotal = timings.reduce((sum, t) => sum + (t.cpuMs ?? NaN), 0);
  const gflops = (flops: number, ms: number) => (flops > 0 ? `${(flops / ms / 1e6).toFixed(2).padStart(6)} GFLOP/s` : ''.padStart(14));
  const lines = timings.map((t) => {
    const wall = `${t.ms.toFixed(3).padStart(8)} ms ${((100 * t.ms) / total).toFixed(1).padStart(5)} % ${gflops(t.flops, t.ms)}`;
    const cpu = t.cpuMs === null ? '' : ` | cpu ${t.cpuMs.toFixed(2).padStart(7)} ms ${((100 * t.cpuMs) / cpuTotal).toFixed(1).padStart(5)} % ${gflops(t.flops, t.cpuMs)}`;
    return `  ${t.name.padEnd(58)} ${t.shape.padEnd(18)} ${wall}${cpu}`;
  });
  lines.push(`  sum of the ${timings.length} dispatches alone: ${total.toFixed(2)} ms (cpu ${cpuTotal.toFixed(2)} ms); the step: ${stepMs.toFixed(2)} ms`);
  return lines;
}
