// A stand-in for the training worker in the page's tests: it keeps what the page sends, and a test
// answers for it.
import type { Command, CommandType, FromWorker, ToWorker } from '../app/protocol';
import type { WorkerListener } from '../app/state/worker-link';
import type { Said } from '../app/i18n/said';

/** Stands in for the worker: keeps what it is sent; a test answers. */
export class FakeWorker {
  sent: ToWorker[] = [];
  private listener: WorkerListener | null = null;

  readonly start = (listener: WorkerListener) => {
    this.listener = listener;
    return { post: (message: ToWorker) => void this.sent.push(message), terminate: () => {} };
  };

  say(message: FromWorker): void {
    this.listener!.message(message);
  }

  commands<T extends CommandType>(type: T): (Extract<Command, { type: T }> & { id: number })[] {
    return this.sent.filter((m) => m.type === type) as (Extract<Command, { type: T }> & { id: number })[];
  }

  last<T extends CommandType>(type: T): Extract<Command, { type: T }> & { id: number } {
    return this.commands(type).at(-1)!;
  }

  reply(type: CommandType, error: Said | null = null): void {
    const id = this.commands(type).at(-1)!.id;
    this.say({ type: 'reply', id, command: type, error });
  }

  /** The worker builds the runs it was asked for, as it says it did. */
  build(create = this.commands('create').at(-1)!): void {
    for (const { id, config } of create.runs) {
      this.say({ type: 'run-created', runId: id, config, stepsPerEpoch: 100, trainCount: 12_800, step: 0, epoch: 0, initialWeightsHash: 'ab12', backend: 'cpu', adapter: 'CPU' });
      if (create.start) this.say({ type: 'run-state', runId: id, state: 'training' });
    }
    this.reply('create');
  }
}
