// The WebAssembly backend in Node: the kernels' module read from where the build writes it.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { KERNELS_URL } from '../wasm/kernels-url';
import { WasmBackend } from '../wasm/wasm-backend';

export async function nodeWasmBackend(): Promise<WasmBackend> {
  const file = fileURLToPath(KERNELS_URL);
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = new Uint8Array(await readFile(file));
  } catch (error) {
    throw new Error(`the WebAssembly kernels are not built (${(error as Error).message}): run npm run build:wasm`, { cause: error });
  }
  return WasmBackend.fromBytes(bytes);
}
