import type { MnistSet } from '../gpu/data/idx';
import { Random } from '../gpu/nn/random';
import type { Engine } from '../gpu/tensor';
import { uploadMnist } from '../gpu/train/device-data';

/** A small MNIST-shaped set: image i's first pixel holds i (mod 256), so a batch tells which samples it drew. */
export function syntheticSet(count: number, seed = 1): MnistSet {
  const random = new Random(seed);
  const images = new Uint8Array(count * 784);
  const labels = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    labels[i] = i % 10;
    for (let j = 1; j < 784; j++) images[i * 784 + j] = Math.floor(random.next() * 256);
    images[i * 784] = i % 256;
  }
  return { images, labels, count };
}

export function syntheticData(engine: Engine, trainCount: number, testCount: number) {
  return uploadMnist(engine, { train: syntheticSet(trainCount, 1), test: syntheticSet(testCount, 2) });
}
