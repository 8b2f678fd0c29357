// The README's engine example, verbatim between the markers; tests/readme.test.ts runs it.
import { Engine, Optimizer, activation, linear, softmaxCrossEntropy, type Backend } from '../gpu';

// readme-example-start
export async function trainTinyModel(backend: Backend, steps: number): Promise<number[]> {
  const engine = new Engine(backend);
  const param = (...shape: number[]) =>
    engine.tensor(shape, Array.from({ length: shape.reduce((a, b) => a * b) }, (_, i) => Math.sin(i + 1) / 2), { requiresGrad: true });
  const [w1, b1, w2, b2] = [param(8, 4), param(8), param(3, 8), param(3)];
  const x = engine.tensor([2, 4], [0.5, -1, 2, 0, 1, 1, -0.5, 0.25]);
  const labels = engine.tensor([2], [2, 0], { dtype: 'u32' });
  const optimizer = new Optimizer(engine, [w1, b1, w2, b2], { name: 'adam', lr: 0.05 });
  const losses = [];
  for (let step = 0; step < steps; step++) {
    optimizer.zeroGrad(); // else this step's gradients add to the last one's
    const loss = engine.tidy(() => {
      const loss = softmaxCrossEntropy(linear(activation(linear(x, w1, b1), 'relu'), w2, b2), labels);
      loss.backward(); // gradients land in w1.grad … b2.grad
      optimizer.step(); // Adam, on the device
      return loss.read(); // asynchronous; the step is already submitted
    });
    losses.push((await loss)[0]);
  }
  return losses;
}
// readme-example-end
