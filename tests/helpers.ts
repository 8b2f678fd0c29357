import { CpuBackend } from '../gpu/cpu/cpu-backend';
import { Engine } from '../gpu/tensor';
import { Random } from '../gpu/nn/random';
import { WEBGPU, engineOn } from './backends';

/** A real WebGPU engine (Dawn; SwiftShader on machines without a GPU), for tests about WebGPU alone. */
export function webgpuEngine(): Promise<Engine> {
  return engineOn(WEBGPU);
}

/** The float64 reference, made synchronously. */
export function referenceEngine(): Engine {
  return new Engine(new CpuBackend('f64'));
}

export function randomArray(random: Random, n: number, scale = 1): Float64Array {
  return Float64Array.from({ length: n }, () => random.uniform(-scale, scale));
}

/** Largest |a − b| / (atol/rtol-scaled) check, reporting the worst element. */
export function expectClose(got: ArrayLike<number>, want: ArrayLike<number>, abs: number, rel: number, what = 'value'): void {
  if (got.length !== want.length) throw new Error(`${what}: length ${got.length}, expected ${want.length}`);
  for (let i = 0; i < want.length; i++) {
    const tolerance = abs + rel * Math.abs(want[i]);
    if (!(Math.abs(got[i] - want[i]) <= tolerance)) {
      throw new Error(`${what}[${i}] = ${got[i]}, expected ${want[i]} (±${tolerance.toExponential(2)})`);
    }
  }
}
