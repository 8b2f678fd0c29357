// The worker's side of the message channel: everything it says to the page goes through post(),
// and the engine's errors it passes on are worded here, in the page's language of the moment. The
// engine keeps English messages for the CLI and the logs; what it knows as data (a GPU error's
// kind, a thread's failure, a lost device's reason) is worded from the catalogue, and the browser's
// or the driver's own words are kept as they are.
import { BackendError, MnistLoadError, mnistProblemText, type DeviceLoss } from '../../gpu';
import { WasmThreadError } from '../../gpu/wasm/threads';
import type { FromWorker } from '../protocol';
import { messages, type Catalogue } from '../i18n/messages';

export function post(message: FromWorker, transfer: Transferable[] = []): void {
  self.postMessage(message, { transfer });
}

/** An error as the page is told it: the engine's known errors in the words of `t`, any other by its message. */
export function errorText(error: unknown, t: Catalogue = messages()): string {
  if (error instanceof BackendError) return t.worker.gpuError(t.worker.gpuErrorKind[error.kind], error.detail);
  if (error instanceof MnistLoadError) return mnistProblemText(error.problem, t.data);
  if (error instanceof WasmThreadError) {
    const { problem } = error;
    return problem.kind === 'start-failed' ? t.worker.threadFailed(problem.thread, problem.detail) : t.worker.threadStalled(problem.thread, problem.workers, problem.seconds);
  }
  return error instanceof Error ? error.message : String(error);
}

/** What the page is told of an error that ended a run. */
export function failureText(error: unknown, t: Catalogue = messages()): string {
  if (error instanceof BackendError) return t.worker.endedByGpuError(t.worker.gpuErrorKind[error.kind], error.detail);
  return t.worker.failed(errorText(error, t));
}

/** Why the device went: a destroyed device needs no more words; any other loss keeps the browser's. */
export function lossText(loss: DeviceLoss, t: Catalogue = messages()): string {
  const why = t.worker.lossReason[loss.reason];
  return loss.reason === 'unknown' && loss.message ? t.worker.explained(why, loss.message) : why;
}
