// The page's end of the training worker: commands with their replies, requests with their answers, and the heartbeat.
import type { ActivationCurve, ActivationName, Inspection } from '../../gpu';
import { currentLanguage, messages, subscribeLanguage } from '../i18n/messages';
import { said, SaidError, saidOf, type Said } from '../i18n/said';
import type { BackendChoice, CellImage, Command, CommandReply, FromWorker, InjectedError, InspectInput, RunId, RunPrediction, ToWorker, WorkerStatus } from '../protocol';
import { Heartbeat } from './heartbeat';
import type { LinkEvent } from './page-state';
import { PendingReplies } from './pending-replies';

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

/** What the worker starts with; the page's language it is told at the start and at each change. */
export type WorkerInit = Omit<Extract<ToWorker, { type: 'init' }>, 'type' | 'language'>;

/** A request that failed because the worker went (closed, restarted) or is not there: the page says so otherwise. */
export class WorkerGone extends Error {}

/** An answer that is a result, or null and why not. */
function settle<T>(pending: PendingReplies<T>, id: number, result: T | null, error: Said | null): void {
  if (result !== null && error === null) pending.answer(id, result);
  else pending.fail(id, new SaidError(error ?? said('status', 'workerNoAnswer')));
}

/** Owns the worker while the page shows it. */
export class WorkerLink {
  private worker: WorkerTransport | null = null;
  private report: (event: LinkEvent) => void = () => {};
  private stopFollowingLanguage: () => void = () => {};
  private readonly replies = new PendingReplies<CommandReply>();
  private readonly predictions = new PendingReplies<RunPrediction[]>();
  private readonly statuses = new PendingReplies<WorkerStatus>();
  /** The questions about a model: each answer is the result, or why there is none. */
  private readonly inspections = new PendingReplies<Inspection>();
  private readonly curves = new PendingReplies<ActivationCurve>();
  private readonly cells = new PendingReplies<{ total: number; images: CellImage[] }>();
  private readonly heartbeat = new Heartbeat({
    ping: () => this.post({ type: 'ping' }),
    silent: () => this.report({ type: 'worker-silent' }),
    answering: () => this.report({ type: 'worker-answering' }),
  });

  constructor(
    private readonly startWorker: StartWorker,
    private init: WorkerInit,
  ) {}

  /** Starts the worker; `report` hears everything it says that nobody asked for, and what happens to it. */
  connect(report: (event: LinkEvent) => void): void {
    this.report = report;
    this.worker = this.startWorker({
      message: (message) => this.receive(message),
      // The worker's state is unknown after that, so it goes.
      crashed: (reason) => {
        const message = said('status', 'workerCrashed', reason || said('status', 'unknownError'));
        this.disconnect(new SaidError(message));
        report({ type: 'worker-crashed', message });
      },
    });
    this.heartbeat.start();
    this.post({ type: 'init', ...this.init, language: currentLanguage() });
    this.stopFollowingLanguage = subscribeLanguage(() => this.post({ type: 'language', language: currentLanguage() }));
  }

  get connected(): boolean {
    return this.worker !== null;
  }

  /** Ends the worker; whatever waits for it is rejected with `reason`. */
  disconnect(reason: Error = new WorkerGone(messages().status.workerClosed)): void {
    this.stopFollowingLanguage();
    this.heartbeat.stop();
    this.worker?.terminate();
    this.worker = null;
    this.replies.abandon(reason);
    this.predictions.abandon(reason);
    this.statuses.abandon(reason);
    this.inspections.abandon(reason);
    this.curves.abandon(reason);
    this.cells.abandon(reason);
  }

  /** A new worker in place of one that crashed or stopped answering. */
  startAgain(): void {
    this.disconnect(new WorkerGone(messages().status.workerRestarted));
    this.report({ type: 'restart' });
    this.connect(this.report);
  }

  /** Resolves once the worker has carried the command out; rejects with its reason when it did not. */
  command(command: Command): Promise<void> {
    return this.replies
      .request((id) => this.post({ ...command, id }))
      .then((reply) => {
        if (reply.command !== command.type) {
          throw new Error(messages().status.workerCrossedReply(reply.command, command.type, reply.id));
        }
        if (reply.error !== null) throw new SaidError(reply.error);
      });
  }

  /** The runs move to the backend `choice` gives; a worker started again later starts on it too. */
  changeBackend(choice: BackendChoice): Promise<void> {
    this.init = { ...this.init, backend: choice };
    return this.command({ type: 'set-backend', backend: choice });
  }

  /** Loads the dataset again after it failed; a failure shows as the data incident again. */
  retryData(): Promise<void> {
    this.report({ type: 'retrying-data' });
    const asked = this.worker;
    return this.command({ type: 'load-data' }).catch((error: Error) => {
      // The notice with its Retry button comes back with the reason, whether or not the worker also said so.
      if (this.worker === asked) this.report({ type: 'data-failed', message: saidOf(error) });
      throw error;
    });
  }

  /** Each run's class probabilities for the drawing; `pixels` is handed over to the worker. */
  predict(runIds: RunId[], pixels: Float32Array): Promise<RunPrediction[]> {
    return this.predictions.request((id) => this.post({ type: 'predict', id, runIds, pixels }, [pixels.buffer]));
  }

  /** What the run's model makes of one input; a drawing's `pixels` are handed over to the worker. */
  inspect(runId: RunId, input: InspectInput, target: number | null): Promise<Inspection> {
    const transfer = 'pixels' in input ? [input.pixels.buffer] : [];
    return this.inspections.request((id) => this.post({ type: 'inspect', id, runId, input, target }, transfer));
  }

  activationCurve(activation: ActivationName, alpha?: number): Promise<ActivationCurve> {
    return this.curves.request((id) => this.post({ type: 'activation-curve', id, activation, alpha }));
  }

  confusionCell(runId: RunId, actual: number, predicted: number, limit: number): Promise<{ total: number; images: CellImage[] }> {
    return this.cells.request((id) => this.post({ type: 'confusion-cell', id, runId, actual, predicted, limit }));
  }

  status(): Promise<WorkerStatus> {
    return this.statuses.request((id) => this.post({ type: 'status', id }));
  }

  loseDevice(): void {
    this.post({ type: 'lose-device' });
  }

  injectError(kind: InjectedError, runId?: RunId): void {
    this.post(runId === undefined ? { type: 'inject-error', kind } : { type: 'inject-error', kind, runId });
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
      case 'predictions':
        this.predictions.answer(message.id, message.results);
        return;
      case 'status':
        this.statuses.answer(message.id, message.status);
        return;
      case 'inspection':
        return settle(this.inspections, message.id, message.result, message.error);
      case 'activation-curve':
        return settle(this.curves, message.id, message.curve, message.error);
      case 'cell-images':
        return settle(this.cells, message.id, message.error === null ? { total: message.total, images: message.images } : null, message.error);
      case 'pong':
        return;
      default:
        this.report(message);
    }
  }

  private post(message: ToWorker, transfer: Transferable[] = []): void {
    if (!this.worker) throw new WorkerGone(messages().status.workerNotRunning);
    this.worker.post(message, transfer);
  }
}
