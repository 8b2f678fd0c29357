// The worker's side of the message channel: everything it says to the page goes through post().
import type { FromWorker } from '../protocol';

export function post(message: FromWorker, transfer: Transferable[] = []): void {
  self.postMessage(message, { transfer });
}

export const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));
