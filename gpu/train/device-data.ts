import type { Mnist, MnistSet } from '../data/idx';
import { packBytes } from '../ops/gather';
import type { Engine, Tensor } from '../tensor';

/** A dataset split resident on the device: images as packed bytes, labels as u32. */
export interface DeviceSplit {
  images: Tensor;
  labels: Tensor;
  count: number;
}

export interface DeviceData {
  train: DeviceSplit;
  test: DeviceSplit;
}

function uploadSplit(engine: Engine, set: MnistSet): DeviceSplit {
  const words = packBytes(set.images);
  return {
    images: engine.tensor([words.length], words, { dtype: 'u32' }),
    labels: engine.tensor([set.count], set.labels, { dtype: 'u32' }),
    count: set.count,
  };
}

/** Copies MNIST to the device once; every batch is then gathered there. */
export function uploadMnist(engine: Engine, mnist: Mnist): DeviceData {
  return { train: uploadSplit(engine, mnist.train), test: uploadSplit(engine, mnist.test) };
}
