// The worker's side of the message channel: everything it says to the page goes through post(),
// and the engine's errors it passes on are described here as Said, which the page words in its
// language of the moment it shows them. The engine keeps English messages for the CLI and the logs;
// what it knows as data (a GPU error's kind, a thread's failure, a lost device's reason, why MNIST
// did not load, the WebAssembly backend's threads) is described from the catalogue, and the
// browser's or the driver's own words are kept as they are.
import { BackendError, MnistLoadError, mnistProblemText, UNNAMED_ADAPTER, type Backend, type DeviceLoss, type MnistWords } from '../../gpu';
import { WasmThreadError } from '../../gpu/wasm/threads';
import { WasmBackend } from '../../gpu/wasm/wasm-backend';
import type { FromWorker } from '../protocol';
import { said, saidOf, sayings, type Said } from '../i18n/said';

export function post(message: FromWorker, transfer: Transferable[] = []): void {
  self.postMessage(message, { transfer });
}

/** mnistProblemText's words as descriptions, which the page words from its `data` part. */
const MNIST_SAID: MnistWords<Said> = sayings('data');

/** An error as the page is told it: the engine's known errors from the catalogue, any other by what it says. */
export function errorSaid(error: unknown): Said {
  if (error instanceof BackendError) return said('worker', 'gpuError', said('worker', 'gpuErrorKind', error.kind), error.detail);
  if (error instanceof MnistLoadError) return mnistProblemText(error.problem, MNIST_SAID);
  if (error instanceof WasmThreadError) {
    const { problem } = error;
    return problem.kind === 'start-failed' ? said('worker', 'threadFailed', problem.thread, problem.detail) : said('worker', 'threadStalled', problem.thread, problem.workers, problem.seconds);
  }
  return saidOf(error);
}

/** What the page is told of an error that ended a run. */
export function failureSaid(error: unknown): Said {
  if (error instanceof BackendError) return said('worker', 'endedByGpuError', said('worker', 'gpuErrorKind', error.kind), error.detail);
  return said('worker', 'failed', errorSaid(error));
}

/** Why the device went: a destroyed device needs no more words; any other loss keeps the browser's. */
export function lossSaid(loss: DeviceLoss): Said {
  const why = said('worker', 'lossReason', loss.reason);
  return loss.reason === 'unknown' && loss.message ? said('worker', 'explained', why, loss.message) : why;
}

/**
 * What trains, as the page names it: the WebAssembly backend by its threads, a GPU the browser
 * does not name in the page's words, any other by the engine's name for it (a GPU's is the browser's).
 */
export function adapterSaid(backend: Backend): Said {
  if (backend instanceof WasmBackend) return said('backend', 'wasmAdapter', backend.threads);
  return backend.adapter === UNNAMED_ADAPTER ? said('backend', 'unnamedAdapter') : backend.adapter;
}
