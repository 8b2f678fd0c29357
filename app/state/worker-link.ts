// The page's end of the training worker: commands with their replies, requests with their answers, and the heartbeat.
import type { TrainConfig } from '../../gpu';
import { APP_DEFAULT_CONFIG } from '../config-form';
import type { Command, CommandReply, FromWorker, InjectedError, ToWorker, WorkerStatus } from '../protocol';
import { Heartbeat } from './heartbeat';
import { PendingReplies } from './pending-replies';
import type { TrainerAction } from './trainer-state';

/** Each command resolves once the worker has carried it out, and rejects with the worker's reason when it did not. */
export interface TrainerCommands {
  configure(config: TrainConfig): Promise<void>;
  train(config: TrainConfig): Promise<void>;
  pause(): Promise<void>;
  resume(): Promise<void>;
  step(): Promise<void>;
  setLearningRate(lr: number): Promise<void>;
  /** After a divergence: back to the last good checkpoint with a smaller learning rate. */
  rollback(): Promise<void>;
  /** Loads the dataset again after it failed; a failure shows as the data incident again. */
  retryData(): Promise<void>;
  /** A new worker in place of one that crashed or stopped answering; the page starts over. */
  startAgain(): void;
  /** Class probabilities from the current model; null while there is none, or its outputs are not numbers. */
  predict(pixels: Float32Array): Promise<Float32Array | null>;
  status(): Promise<WorkerStatus>;
}

/** Test hooks, present with ?debug in the URL, for tests and curious people. */
export interface DebugHandle extends Pick<TrainerCommands, 'configure' | 'step'> {
  status(): Promise<WorkerStatus>;
  /** Destroys the GPU device in use, as a driver reset would. */
  loseDevice(): void;
  /** Provokes a real GPU error of this kind in the current run. */
  injectError(kind: InjectedError): void;
  /** Stops the worker dead, as a crash would. */
  crashWorker(): void;
}

/** What the link needs of a running worker. */
export interface WorkerTransport {
  post(message: ToWorker, transfer: Transferable[]): void;
  terminate(): void;
}

export interface WorkerListener {
  message(message: FromWorker): void;
  /** An exception nothing in the worker caught. */
  crashed(reason: string): void;
}

export type StartWorker = (listener: WorkerListener) => WorkerTransport;

export type WorkerInit = Omit<Extract<ToWorker, { type: 'init' }>, 'type'>;

export const NOT_RUNNING = 'The training worker is not running.';
export const RESTARTED = 'The training worker was restarted before it answered.';
export const CLOSED = 'The page closed the training worker before it answered.';

/** Owns the worker while the page shows it. */
export class WorkerLink implements TrainerCommands, DebugHandle {
  private worker: WorkerTransport | null = null;
  private dispatch: (action: TrainerAction) => void = () => {};
  private readonly replies = new PendingReplies<CommandReply>();
  private readonly predictions = new PendingReplies<Float32Array | null>();
  private readonly statuses = new PendingReplies<WorkerStatus>();
  private readonly heartbeat = new Heartbeat({
    ping: () => this.post({ type: 'ping' }),
    silent: () => this.dispatch({ type: 'worker-silent' }),
    answering: () => this.dispatch({ type: 'worker-answering' }),
  });

  constructor(
    private readonly startWorker: StartWorker,
    private readonly init: WorkerInit,
  ) {}

  connect(dispatch: (action: TrainerAction) => void): void {
    this.dispatch = dispatch;
    this.worker = this.startWorker({
      message: (message) => this.receive(message),
      // The worker's state is unknown after that, so it goes.
      crashed: (reason) => {
        const message = `The training worker crashed: ${reason || 'unknown error'}.`;
        this.disconnect(message);
        dispatch({ type: 'worker-crashed', message });
      },
    });
    this.heartbeat.start();
    this.post({ type: 'init', ...this.init });
  }

  /** Ends the worker; whatever waits for it is rejected with `reason`. */
  disconnect(reason = CLOSED): void {
    this.heartbeat.stop();
    this.worker?.terminate();
    this.worker = null;
    this.replies.abandon(reason);
    this.predictions.abandon(reason);
    this.statuses.abandon(reason);
  }

  startAgain(): void {
    this.disconnect(RESTARTED);
    this.dispatch({ type: 'restart' });
    this.connect(this.dispatch);
  }

  configure(config: TrainConfig): Promise<void> {
    return this.command({ type: 'configure', config });
  }

  train(config: TrainConfig): Promise<void> {
    return this.command({ type: 'train', config });
  }

  pause(): Promise<void> {
    return this.command({ type: 'pause' });
  }

  resume(): Promise<void> {
    return this.command({ type: 'resume' });
  }

  step(): Promise<void> {
    return this.command({ type: 'step' });
  }

  setLearningRate(lr: number): Promise<void> {
    return this.command({ type: 'set-lr', lr });
  }

  rollback(): Promise<void> {
    return this.command({ type: 'rollback' });
  }

  retryData(): Promise<void> {
    this.dispatch({ type: 'retrying-data' });
    const asked = this.worker;
    return this.command({ type: 'load-data' }).catch((error: Error) => {
      // The notice with its Retry button comes back with the reason, whether or not the worker also said so.
      if (this.worker === asked) this.dispatch({ type: 'data-failed', message: error.message });
      throw error;
    });
  }

  predict(pixels: Float32Array): Promise<Float32Array | null> {
    return this.predictions.request((id) => this.post({ type: 'predict', id, pixels }, [pixels.buffer])).catch(() => null);
  }

  status(): Promise<WorkerStatus> {
    return this.statuses.request((id) => this.post({ type: 'status', id }));
  }

  loseDevice(): void {
    this.post({ type: 'lose-device' });
  }

  injectError(kind: InjectedError): void {
    this.post({ type: 'inject-error', kind });
  }

  crashWorker(): void {
    this.post({ type: 'crash' });
  }

  private receive(message: FromWorker): void {
    this.heartbeat.heard();
    switch (message.type) {
      case 'reply':
        this.replies.answer(message.id, message);
        return;
      case 'prediction':
        this.predictions.answer(message.id, message.probabilities);
        return;
      case 'status':
        this.statuses.answer(message.id, message.status);
        return;
      case 'pong':
        return;
      default:
        this.dispatch(message);
        if (message.type === 'data-ready') this.buildFirstModel();
    }
  }

  /** Once the data is there, the page shows a model ready to train; nobody but the page waits for it. */
  private buildFirstModel(): void {
    const asked = this.worker;
    this.configure(APP_DEFAULT_CONFIG).catch((error: Error) => {
      // A worker that went away is reported as such, or the page has started over.
      if (this.worker === asked) this.dispatch({ type: 'error', message: `Could not build the first model: ${error.message}` });
    });
  }

  private command(command: Command): Promise<void> {
    return this.replies
      .request((id) => this.post({ ...command, id }))
      .then((reply) => {
        if (reply.command !== command.type) {
          throw new Error(`The training worker answered '${reply.command}' to the '${command.type}' command ${reply.id}.`);
        }
        if (reply.error !== null) throw new Error(reply.error);
      });
  }

  private post(message: ToWorker, transfer: Transferable[] = []): void {
    if (!this.worker) throw new Error(NOT_RUNNING);
    this.worker.post(message, transfer);
  }
}
