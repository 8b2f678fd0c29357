// The worker's controller on the CPU backend, with a small synthetic dataset (512 training and 100
// test images) in place of MNIST, and what it posts kept for the test to read.
import { vi } from 'vitest';
import { CpuBackend, DEFAULT_CONFIG, ReadCancelledError, type DeviceBuffer, type DeviceLoss, type HostArray, type TrainConfig } from '../gpu';
import { Controller } from '../app/worker/controller';
import type { BackendChoice, Command, FromWorker, RunId } from '../app/protocol';
import { syntheticSet } from './synthetic';
import { messages } from '../app/i18n/messages';
import { word, type Said } from '../app/i18n/said';

/** A CPU backend whose device can be lost: reads from then on are cut off, as on a GPU. */
export class LosableBackend extends CpuBackend {
  private loseWith: (loss: DeviceLoss) => void = () => {};
  override readonly lost = new Promise<DeviceLoss>((resolve) => (this.loseWith = resolve));
  private gone = false;

  /** As a driver reset: WebGPU's reason 'unknown', with the browser's words. */
  lose(message: string): void {
    this.gone = true;
    this.loseWith({ reason: 'unknown', message });
  }

  override read(buffer: DeviceBuffer): Promise<HostArray> {
    return this.gone ? Promise.reject(new ReadCancelledError('the device was lost')) : super.read(buffer);
  }
}

export type Message<T extends FromWorker['type']> = Extract<FromWorker, { type: T }>;

/** 512 training samples: 8 steps of 64 an epoch. */
export const config = (changes: Partial<TrainConfig> = {}): TrainConfig => ({ ...DEFAULT_CONFIG, hidden: [16], batchSize: 64, epochs: 2, lossEvery: 2, ...changes });

const harnesses: Harness[] = [];

/** `message` with what it says worded in the current language, as the page would show it now. */
function worded(message: FromWorker): FromWorker {
  const t = messages();
  const words = (value: Said | null): string | null => (value === null ? null : word(value, t));
  switch (message.type) {
    case 'run-failed':
    case 'data-failed':
    case 'error':
      return { ...message, message: words(message.message)! };
    case 'device-lost':
      return { ...message, reason: words(message.reason)! };
    case 'reply':
    case 'inspection':
    case 'activation-curve':
    case 'cell-images':
      return { ...message, error: words(message.error) };
    default:
      return message;
  }
}

export class Harness {
  /** What the worker posted, its descriptions (Said) worded as the page words them in the language of the moment. */
  readonly messages: FromWorker[] = [];
  /** What the worker posted, as it posted it. */
  readonly posted: FromWorker[] = [];
  readonly backends: LosableBackend[] = [];
  /** The backend choice each backend was asked for with. */
  readonly choices: BackendChoice[] = [];
  readonly controller = new Controller({
    post: (message) => {
      this.posted.push(message);
      this.messages.push(worded(message));
    },
    requestBackend: async (_defaultLimits, choice) => {
      this.choices.push(choice);
      const backend = new LosableBackend('f32');
      this.backends.push(backend);
      return { backend, reason: { kind: 'chosen', choice: 'js' } };
    },
    loadMnist: async () => ({ train: syntheticSet(512, 1), test: syntheticSet(100, 2) }),
  });

  static async start(): Promise<Harness> {
    const harness = new Harness();
    harnesses.push(harness);
    await harness.controller.init('/', false);
    return harness;
  }

  send(command: Command): Promise<void> {
    return this.controller.perform(command);
  }

  create(configs: TrainConfig[], start: boolean, prefix = 'r'): Promise<RunId[]> {
    const runs = configs.map((c, i) => ({ id: `${prefix}${i}`, config: c }));
    return this.send({ type: 'create', runs, start }).then(() => runs.map((run) => run.id));
  }

  of<T extends FromWorker['type']>(type: T, runId?: RunId): Message<T>[] {
    return this.messages.filter((m): m is Message<T> => m.type === type && (runId === undefined || ('runId' in m && m.runId === runId)));
  }

  run(id: RunId) {
    return this.controller.status().runs.find((run) => run.id === id);
  }

  until(what: string, condition: () => boolean): Promise<void> {
    return vi.waitFor(
      () => {
        if (!condition()) throw new Error(`waited in vain for ${what}`);
      },
      { timeout: 60_000, interval: 5 },
    );
  }

  untilState(id: RunId, state: string): Promise<void> {
    return this.until(`run ${id} to be ${state}`, () => this.run(id)?.state === state);
  }

  /** Every run stops, so that no loop goes on after its test. */
  async stopAll(): Promise<void> {
    const training = this.controller.status().runs.filter((run) => run.state === 'training').map((run) => run.id);
    if (training.length > 0) await this.send({ type: 'pause', runIds: training });
  }
}

/** Every run of every harness stops after its test, so that no loop goes on into the next. */
export async function stopHarnesses(): Promise<void> {
  for (const harness of harnesses.splice(0)) await harness.stopAll();
}
