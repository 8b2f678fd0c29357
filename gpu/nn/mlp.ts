import type { ActivationAttrs, ActivationName } from '../ops/activation';
import { hiddenLayer, linear, type Activated } from '../ops/matmul';
import type { Engine, Tensor } from '../tensor';
import type { Random } from './random';

export interface Layer {
  weight: Tensor;
  bias: Tensor;
}

/** FNV-1a, 32 bits, over the bytes of `arrays` in order, as 8 hex digits. */
export function fnv1a(arrays: readonly Float32Array[]): string {
  let hash = 0x811c9dc5;
  for (const array of arrays) {
    const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
    for (let i = 0; i < bytes.length; i++) hash = Math.imul(hash ^ bytes[i], 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}

/**
 * input → [linear → activation] per hidden layer → linear → logits. Weights are [out, in] and
 * initialised as PyTorch's nn.Linear does, U(−1/√in, 1/√in) for weights and biases, so results
 * are comparable with PyTorch's.
 */
export class Mlp {
  readonly layers: Layer[];
  /**
   * A hash of the initial parameters, from the values drawn on the CPU: two models with the same
   * seed and shapes start equal and hash equal. A restored model carries its checkpoint's.
   */
  initialWeightsHash: string;

  constructor(
    engine: Engine,
    readonly sizes: readonly number[],
    readonly activationName: ActivationName,
    random: Random,
    readonly activationAttrs: ActivationAttrs = {},
  ) {
    const initial: Float32Array[] = [];
    this.layers = sizes.slice(1).map((out, i) => {
      const fanIn = sizes[i];
      const bound = 1 / Math.sqrt(fanIn);
      const init = (n: number) => {
        const values = Float32Array.from({ length: n }, () => random.uniform(-bound, bound));
        initial.push(values);
        return values;
      };
      return {
        weight: engine.tensor([out, fanIn], init(out * fanIn), { requiresGrad: true }),
        bias: engine.tensor([out], init(out), { requiresGrad: true }),
      };
    });
    this.initialWeightsHash = fnv1a(initial);
  }

  /** The logits; `visit` sees each hidden layer's pre-activations z and activations f(z) on the way. */
  forward(x: Tensor, visit?: (layer: number, z: Tensor, a: Tensor) => void): Tensor {
    let h: Tensor | Activated = x;
    const hidden = this.layers.slice(0, -1);
    hidden.forEach((layer, i) => {
      h = hiddenLayer(h, layer.weight, layer.bias, this.activationName, this.activationAttrs);
      visit?.(i, h.z, h.a);
    });
    const last = this.layers[this.layers.length - 1];
    return linear(h, last.weight, last.bias);
  }

  parameters(): Tensor[] {
    return this.layers.flatMap((l) => [l.weight, l.bias]);
  }

  dispose(): void {
    for (const p of this.parameters()) p.engine.dispose(p);
  }
}
