// The worker's side of the message channel: everything it says to the page goes through post().
import { BackendError } from '../../gpu';
import type { FromWorker } from '../protocol';
import { messages } from '../i18n/messages';

export function post(message: FromWorker, transfer: Transferable[] = []): void {
  self.postMessage(message, { transfer });
}

export const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** What the page is told of an error that ended a run. */
export function failureText(error: unknown): string {
  return error instanceof BackendError ? messages().worker.endedByGpuError(error.message) : messages().worker.failed(errorText(error));
}
