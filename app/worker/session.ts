// What runs train on: the dataset on the device, and the strip's test images; and how a model is
// built so that a device that cannot hold it says so.
import { INPUT_SIZE, uploadMnist, type Backend, type DeviceData, type Engine, type Mnist, type MnistSet, type Trainer } from '../../gpu';
import type { TestSample } from '../protocol';
import { spreadIndices } from './policy';

export interface Session {
  engine: Engine;
  data: DeviceData;
  samples: TestSample[];
}

const STRIP_SIZE = 16;

/** Test images spread over the whole test set, the same ones for every run. */
function stripSamples(test: MnistSet): TestSample[] {
  return spreadIndices(test.count, STRIP_SIZE).map((index) => ({
    index,
    label: test.labels[index],
    image: test.images.slice(index * INPUT_SIZE, (index + 1) * INPUT_SIZE),
  }));
}

/** The dataset uploaded to `engine`'s device (again, after a lost one). */
export function createSession(engine: Engine, dataset: Mnist): Session {
  return { engine, data: uploadMnist(engine, dataset), samples: stripSamples(dataset.test) };
}

/**
 * Builds inside the device's error scopes, so that a device that cannot hold what is built says so
 * here, and the half-built model is let go.
 */
export async function buildInScopes(backend: Backend, build: () => Trainer): Promise<Trainer> {
  const { result, error } = backend.scoped(build);
  const caught = await error;
  if (!caught) return result;
  result.dispose();
  throw caught;
}
