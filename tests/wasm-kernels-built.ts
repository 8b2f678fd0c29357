// Vitest's global setup: the wasm backend's suites need the kernels' module built from the current
// sources (npm postinstall builds it); a missing or stale one stops the run before any test, saying
// what to run, rather than failing every wasm test or testing old kernels.
import { readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ALL_KERNELS_URLS } from '../gpu/wasm/kernels-url';

const SOURCES = new URL('../gpu/wasm/assembly/', import.meta.url);

export default function setup(): void {
  for (const url of ALL_KERNELS_URLS) checkBuilt(fileURLToPath(url));
}

function checkBuilt(built: string): void {
  let builtAt: number;
  try {
    builtAt = statSync(built).mtimeMs;
  } catch {
    throw new Error(`${built} is missing: run npm run build:wasm`);
  }
  for (const name of readdirSync(SOURCES)) {
    const source = fileURLToPath(new URL(name, SOURCES));
    if (statSync(source).mtimeMs > builtAt) throw new Error(`${built} is older than ${source}: run npm run build:wasm`);
  }
}
