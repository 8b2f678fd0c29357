// A matmul thread of the wasm backend in a browser: a module worker file of its own (bundled beside
// the engine's worker), because the page's CSP (worker-src 'self') refuses blob: workers.
import { runThread, type ThreadInit } from './threads';

const scope = self as unknown as { addEventListener: Worker['addEventListener']; postMessage(message: string): void };

scope.addEventListener('message', ({ data }: MessageEvent<ThreadInit>) => runThread(data, () => scope.postMessage('ready')), { once: true });
