import { describe, it, expect, beforeAll } from 'vitest';
import { execFileSync } from 'node:child_process';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { MNIST_FILES, parseIdxImages, parseIdxLabels, sha256Hex, type Mnist } from '../gpu/data/idx';
import { loadMnistFromNodeModules, mnistDataDir } from '../gpu/data/mnist-node';
import {
  loadMnistInBrowser,
  MnistLoadError,
  type MnistCache,
  type MnistCacheStorage,
  type MnistProgress,
} from '../gpu/data/mnist-browser';

type Bytes = Uint8Array<ArrayBuffer>;
const read = async (file: string): Promise<Bytes> => new Uint8Array(await readFile(file));
const LABELS = 't10k-labels-idx1-ubyte';
const BASE = 'http://gradlab.test/';

let nodeMnist: Mnist;

beforeAll(async () => {
  // Idempotent and fast once built; makes sure public/mnist exists for the browser-loader tests.
  execFileSync(process.execPath, ['scripts/build-mnist-assets.mjs'], { stdio: 'pipe' });
  nodeMnist = await loadMnistFromNodeModules();
});

describe('IDX parsing', () => {
  it('parses the real files', () => {
    const { train, test } = nodeMnist;
    expect([train.count, test.count]).toEqual([60000, 10000]);
    expect(train.images.length).toBe(60000 * 784);
    expect(test.images.length).toBe(10000 * 784);
    expect([train.labels.length, test.labels.length]).toEqual([60000, 10000]);
    expect(train.labels[0]).toBe(5);
    expect(Math.max(...train.labels, ...test.labels)).toBe(9);
    expect(Math.min(...train.labels, ...test.labels)).toBe(0);
  });

  it('rejects a truncated images file with a clear message', async () => {
    const head = (await read(path.join(mnistDataDir(), 'train-images-idx3-ubyte'))).slice(0, 1000);
    expect(() => parseIdxImages(head, 'train-images')).toThrow(
      'train-images: file is truncated: header says 60000 images of 28×28 (47040016 bytes) but got 1000 bytes',
    );
    expect(() => parseIdxImages(head.slice(0, 10), 'train-images')).toThrow(/truncated.*got 10 bytes/);
  });

  it('rejects a wrong magic number and out-of-range labels', async () => {
    const labels = await read(path.join(mnistDataDir(), LABELS));
    expect(() => parseIdxImages(labels, LABELS)).toThrow(/not an IDX image file: magic number is 2049.*expected 2051/);
    const bad = labels.slice();
    bad[8 + 17] = 10;
    expect(() => parseIdxLabels(bad, LABELS)).toThrow(`${LABELS}: label #17 is 10, expected a digit 0..9`);
  });

  it('keeps the asset script table in sync with MNIST_FILES', async () => {
    const script = await readFile('scripts/build-mnist-assets.mjs', 'utf8');
    for (const f of MNIST_FILES) expect(script).toContain(`'${f.name}', sha256: '${f.sha256}', bytes: ${f.bytes} }`);
  });
});

describe('loadMnistFromNodeModules', () => {
  it('rejects a file whose SHA-256 does not match', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'gradlab-mnist-'));
    try {
      for (const f of MNIST_FILES) await copyFile(path.join(mnistDataDir(), f.name), path.join(dir, f.name));
      const bytes = await read(path.join(dir, LABELS));
      bytes[100] ^= 1;
      await writeFile(path.join(dir, LABELS), bytes);
      const sha = MNIST_FILES.find((f) => f.name === LABELS)!.sha256;
      await expect(loadMnistFromNodeModules(dir)).rejects.toThrow(
        new RegExp(`${LABELS} at .* has the wrong SHA-256: expected ${sha}, got (?!${sha})[0-9a-f]{64}`),
      );
      await rm(path.join(dir, LABELS));
      await expect(loadMnistFromNodeModules(dir)).rejects.toThrow(`MNIST file ${LABELS} is missing`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('loadMnistInBrowser', () => {
  /** Serves public/ like a static server; `overrides` replaces bodies by path. */
  function fakeServer(overrides: Record<string, Bytes> = {}) {
    const calls: string[] = [];
    const fetchFn = (async (input: RequestInfo | URL) => {
      const url = String(input);
      calls.push(url);
      const rel = url.slice(BASE.length);
      const body = overrides[rel] ?? (await read(path.join('public', rel)).catch(() => null));
      return body ? new Response(body) : new Response('nope', { status: 404, statusText: 'Not Found' });
    }) as typeof fetch;
    return { fetchFn, calls };
  }

  class MemoryCache implements MnistCache {
    entries = new Map<string, Bytes>();
    failPut = false;
    async match(key: string) {
      const body = this.entries.get(key);
      return body && new Response(body.slice());
    }
    async put(key: string, res: Response) {
      if (this.failPut) throw new DOMException('full', 'QuotaExceededError');
      this.entries.set(key, new Uint8Array(await res.arrayBuffer()));
    }
    async delete(key: string) {
      return this.entries.delete(key);
    }
  }
  /** One named cache; `deleted` counts the deletes of it. */
  const storageOf = (cache: MemoryCache, deleted = { count: 0 }): MnistCacheStorage => ({
    open: async () => cache,
    delete: async () => {
      deleted.count++;
      const had = cache.entries.size > 0;
      cache.entries.clear();
      return had;
    },
  });

  /** t10k labels with one byte changed, gzip-compressed: valid gzip, wrong content. */
  async function corruptLabelsGz(): Promise<Bytes> {
    const raw = gunzipSync(await read(`public/mnist/${LABELS}.gz`));
    raw[100] ^= 1;
    return new Uint8Array(gzipSync(raw));
  }

  it('loads the same data as the Node loader, with progress', async () => {
    const { fetchFn } = fakeServer();
    const seen: MnistProgress[] = [];
    const mnist = await loadMnistInBrowser({ baseUrl: BASE, fetchFn, cacheStorage: null, onProgress: (p) => seen.push(p) });
    expect([mnist.train.count, mnist.test.count]).toEqual([60000, 10000]);
    expect(mnist.train.labels[0]).toBe(5);
    expect(await sha256Hex(mnist.train.images)).toBe(await sha256Hex(nodeMnist.train.images));
    expect(mnist.test.labels).toEqual(nodeMnist.test.labels);
    const manifest = JSON.parse(await readFile('public/mnist/manifest.json', 'utf8'));
    const total = manifest.files.reduce((s: number, f: { compressedBytes: number }) => s + f.compressedBytes, 0);
    expect(seen.at(-1)).toMatchObject({ loadedBytes: total, totalBytes: total });
  });

  it('rejects a corrupted or truncated file with a clear message', async () => {
    const rel = `mnist/${LABELS}.gz`;
    const corrupted = fakeServer({ [rel]: await corruptLabelsGz() });
    const err = await loadMnistInBrowser({ baseUrl: BASE, fetchFn: corrupted.fetchFn, cacheStorage: null }).catch((e) => e);
    expect(err).toBeInstanceOf(MnistLoadError);
    expect(err.message).toBe(`MNIST file ${LABELS} is corrupted (sha256 mismatch) — try again`);
    expect(err.problem).toEqual({ kind: 'corrupted', file: LABELS, detail: 'sha256 mismatch' });

    const gz = await read(`public/${rel}`);
    const truncated = fakeServer({ [rel]: gz.slice(0, gz.length - 100) });
    await expect(loadMnistInBrowser({ baseUrl: BASE, fetchFn: truncated.fetchFn, cacheStorage: null })).rejects.toThrow(
      `MNIST file ${LABELS} is corrupted (invalid gzip data) — try again`,
    );
  });

  it('reports HTTP errors with their status', async () => {
    const { fetchFn } = fakeServer();
    await expect(loadMnistInBrowser({ baseUrl: `${BASE}missing/`, fetchFn, cacheStorage: null })).rejects.toThrow(
      `Could not download the MNIST manifest from ${BASE}missing/mnist/manifest.json: HTTP 404 Not Found`,
    );
  });

  it('serves a reload from the cache and refetches a corrupted entry once', async () => {
    const cache = new MemoryCache();
    const first = fakeServer();
    await loadMnistInBrowser({ baseUrl: BASE, fetchFn: first.fetchFn, cacheStorage: storageOf(cache) });
    expect(first.calls).toHaveLength(5);
    expect(cache.entries.size).toBe(4);

    const second = fakeServer();
    const mnist = await loadMnistInBrowser({ baseUrl: BASE, fetchFn: second.fetchFn, cacheStorage: storageOf(cache) });
    expect(second.calls).toEqual([`${BASE}mnist/manifest.json`]);
    expect(mnist.test.count).toBe(10000);

    const key = [...cache.entries.keys()].find((k) => k.includes(LABELS))!;
    cache.entries.set(key, await corruptLabelsGz());
    const third = fakeServer();
    await loadMnistInBrowser({ baseUrl: BASE, fetchFn: third.fetchFn, cacheStorage: storageOf(cache) });
    expect(third.calls).toEqual([`${BASE}mnist/manifest.json`, `${BASE}mnist/${LABELS}.gz`]);
    expect(cache.entries.get(key)).toEqual(await read(`public/mnist/${LABELS}.gz`));

    // Bad cache and bad network: fail clearly, and leave nothing bad in the cache.
    cache.entries.set(key, await corruptLabelsGz());
    const bad = fakeServer({ [`mnist/${LABELS}.gz`]: await corruptLabelsGz() });
    await expect(
      loadMnistInBrowser({ baseUrl: BASE, fetchFn: bad.fetchFn, cacheStorage: storageOf(cache) }),
    ).rejects.toThrow(`MNIST file ${LABELS} is corrupted (sha256 mismatch)`);
    expect(cache.entries.has(key)).toBe(false);
  });

  it('under a service worker that precached the files keeps no copy of its own, and drops the one it kept before', async () => {
    const cache = new MemoryCache();
    await loadMnistInBrowser({ baseUrl: BASE, fetchFn: fakeServer().fetchFn, cacheStorage: storageOf(cache) });
    expect(cache.entries.size).toBe(4);
    const deleted = { count: 0 };
    const precached = fakeServer();
    const mnist = await loadMnistInBrowser({ baseUrl: BASE, fetchFn: precached.fetchFn, cacheStorage: storageOf(cache, deleted), precached: true });
    expect(mnist.train.count).toBe(60000);
    // Every file fetched (the service worker answers), none kept by the loader.
    expect(precached.calls).toHaveLength(5);
    expect(deleted.count).toBe(1);
    expect(cache.entries.size).toBe(0);
  });

  it('ignores quota errors when writing the cache', async () => {
    const cache = new MemoryCache();
    cache.failPut = true;
    const { fetchFn } = fakeServer();
    const mnist = await loadMnistInBrowser({ baseUrl: BASE, fetchFn, cacheStorage: storageOf(cache) });
    expect(mnist.train.count).toBe(60000);
    expect(cache.entries.size).toBe(0);
  });
});
