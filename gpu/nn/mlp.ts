import { activation, type ActivationAttrs, type ActivationName } from '../ops/activation';
import { linear } from '../ops/matmul';
import type { Engine, Tensor } from '../tensor';
import type { Random } from './random';

export interface Layer {
  weight: Tensor;
  bias: Tensor;
}

/**
 * input → [linear → activation] per hidden layer → linear → logits. Weights are [out, in] and
 * initialised as PyTorch's nn.Linear does, U(−1/√in, 1/√in) for weights and biases, so results
 * are comparable with PyTorch's.
 */
export class Mlp {
  readonly layers: Layer[];

  constructor(
    engine: Engine,
    readonly sizes: readonly number[],
    readonly activationName: ActivationName,
    random: Random,
    readonly activationAttrs: ActivationAttrs = {},
  ) {
    this.layers = sizes.slice(1).map((out, i) => {
      const fanIn = sizes[i];
      const bound = 1 / Math.sqrt(fanIn);
      const init = (n: number) => Float32Array.from({ length: n }, () => random.uniform(-bound, bound));
      return {
        weight: engine.tensor([out, fanIn], init(out * fanIn), { requiresGrad: true }),
        bias: engine.tensor([out], init(out), { requiresGrad: true }),
      };
    });
  }

  forward(x: Tensor): Tensor {
    let h = x;
    this.layers.forEach((layer, i) => {
      h = linear(h, layer.weight, layer.bias);
      if (i < this.layers.length - 1) h = activation(h, this.activationName, this.activationAttrs);
    });
    return h;
  }

  parameters(): Tensor[] {
    return this.layers.flatMap((l) => [l.weight, l.bias]);
  }

  dispose(): void {
    for (const p of this.parameters()) p.engine.dispose(p);
  }
}
