// Browser / Web Worker loader: fetches the gzip copies that scripts/build-mnist-assets.mjs put in
// public/mnist/. Only APIs that exist in workers (fetch, streams, Cache API, crypto.subtle).
import { MNIST_FILES, mnistFromIdxFiles, sha256Hex, type Mnist, type MnistFileName } from './idx';

/**
 * What went wrong, as data, for a page to word in its language. `file`: the MNIST file concerned
 * (none: the manifest); `detail`: the browser's words (a fetch's error, an HTTP status) or the
 * loader's own English ones (what is wrong with a manifest or a file), shown as they are.
 */
export type MnistProblem =
  | { kind: 'download'; file?: string; url: string; detail: string }
  | { kind: 'bad-manifest'; url: string; detail: string }
  | { kind: 'interrupted'; file: string; detail: string }
  | { kind: 'corrupted'; file: string; detail: string }
  | { kind: 'other'; detail: string };

/** The words of every problem in English: the CLI's and the logs', and the page's English catalogue's (its `data` part). */
export const ENGLISH_MNIST_TEXT: MnistWords<string> = {
  manifest: 'the MNIST manifest',
  file: (file: string) => `MNIST file ${file}`,
  download: (what: string, url: string, detail: string) => `Could not download ${what} from ${url}: ${detail}`,
  badManifest: (url: string, detail: string) => `The MNIST manifest at ${url} ${detail} (rebuild it with npm install)`,
  interrupted: (file: string, detail: string) => `Download of MNIST file ${file} was interrupted: ${detail}`,
  corrupted: (file: string, detail: string) => `MNIST file ${file} is corrupted (${detail}) — try again`,
  other: (detail: string) => `Could not load MNIST: ${detail}`,
};

/** Words for every problem, as `R`: English strings here, a description a page words elsewhere. */
export interface MnistWords<R> {
  manifest: R;
  file: (file: string) => R;
  download: (what: R, url: string, detail: string) => R;
  badManifest: (url: string, detail: string) => R;
  interrupted: (file: string, detail: string) => R;
  corrupted: (file: string, detail: string) => R;
  other: (detail: string) => R;
}

/** A problem in the words of `text`; in English, the message of its MnistLoadError. */
export function mnistProblemText<R = string>(problem: MnistProblem, text: MnistWords<R>): R {
  switch (problem.kind) {
    case 'download':
      return text.download(problem.file ? text.file(problem.file) : text.manifest, problem.url, problem.detail);
    case 'bad-manifest':
      return text.badManifest(problem.url, problem.detail);
    case 'interrupted':
      return text.interrupted(problem.file, problem.detail);
    case 'corrupted':
      return text.corrupted(problem.file, problem.detail);
    case 'other':
      return text.other(problem.detail);
  }
}

/** Every failure of loadMnistInBrowser is one of these, so the UI can offer a Retry. */
export class MnistLoadError extends Error {
  override name = 'MnistLoadError';
  constructor(
    readonly problem: MnistProblem,
    options?: { cause?: unknown },
  ) {
    super(mnistProblemText(problem, ENGLISH_MNIST_TEXT), options);
  }
}

export interface MnistProgress {
  loadedBytes: number;
  totalBytes: number;
  file: string;
}

/** The part of the Cache API we use; `CacheStorage` satisfies it, and so can a test double. */
export interface MnistCacheStorage {
  open(cacheName: string): Promise<MnistCache>;
  delete(cacheName: string): Promise<boolean>;
}
export interface MnistCache {
  match(key: string): Promise<Response | undefined>;
  put(key: string, response: Response): Promise<void>;
  delete(key: string): Promise<boolean>;
}

export interface LoadMnistOptions {
  /** Where public/ is served, e.g. import.meta.env.BASE_URL; manifest and file URLs are relative to it. */
  baseUrl: string;
  onProgress?: (p: MnistProgress) => void;
  fetchFn?: typeof fetch;
  cacheName?: string;
  /** Defaults to globalThis.caches; null disables caching. */
  cacheStorage?: MnistCacheStorage | null;
  /**
   * The files are kept already where the fetches are answered from (a service worker's precache):
   * the loader keeps no copy of its own, and deletes one it kept before, so that MNIST is stored once.
   */
  precached?: boolean;
}

interface ManifestEntry {
  name: MnistFileName;
  url: string;
  compressedBytes: number;
  rawBytes: number;
  sha256: string;
}

type Bytes = Uint8Array<ArrayBuffer>;

const join = (base: string, rel: string) => base.replace(/\/*$/, '/') + rel;
const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

async function fetchOk(fetchFn: typeof fetch, url: string, file?: string): Promise<Response> {
  let res: Response;
  try {
    res = await fetchFn(url);
  } catch (err) {
    throw new MnistLoadError({ kind: 'download', file, url, detail: message(err) }, { cause: err });
  }
  if (!res.ok) throw new MnistLoadError({ kind: 'download', file, url, detail: `HTTP ${res.status} ${res.statusText}`.trim() });
  return res;
}

async function loadManifest(fetchFn: typeof fetch, baseUrl: string): Promise<ManifestEntry[]> {
  const url = join(baseUrl, 'mnist/manifest.json');
  const res = await fetchOk(fetchFn, url);
  let json: unknown;
  try {
    json = await res.json();
  } catch (err) {
    throw new MnistLoadError({ kind: 'bad-manifest', url, detail: 'is not valid JSON' }, { cause: err });
  }
  return parseManifest(json, url);
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
/** A field's value as a message shows it. */
const shown = (value: unknown) =>
  isRecord(value) ? (Array.isArray(value) ? 'a list' : 'an object') : typeof value === 'string' ? JSON.stringify(value) : String(value);

/** A plain path below the site's base, so a manifest cannot send the loader to another origin or up the tree. */
const isRelativePath = (url: unknown): url is string =>
  typeof url === 'string' && /^[\w.-]+(\/[\w.-]+)*$/.test(url) && url.split('/').every((part) => part !== '..');

/** The manifest's file list, or a MnistLoadError naming the first problem with `json` (parsed from `url`). */
export function parseManifest(json: unknown, url: string): ManifestEntry[] {
  const refuse = (detail: string) => new MnistLoadError({ kind: 'bad-manifest', url, detail });
  const files = isRecord(json) ? json.files : undefined;
  if (!Array.isArray(files)) throw refuse('has no "files" list');
  files.forEach((entry: unknown, i) => {
    if (!isRecord(entry)) throw refuse(`has files[${i}] that is not an object`);
    if (!isRelativePath(entry.url)) throw refuse(`has files[${i}].url that is not a relative path: ${shown(entry.url)}`);
    const size = entry.compressedBytes;
    if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 1) {
      throw refuse(`has files[${i}].compressedBytes that is not a positive whole number: ${shown(size)}`);
    }
  });
  // A manifest built from other data would otherwise be "verified" against itself.
  const entries = files as Record<string, unknown>[];
  const ok =
    entries.length === MNIST_FILES.length &&
    MNIST_FILES.every((f) => entries.some((m) => m.name === f.name && m.sha256 === f.sha256 && m.rawBytes === f.bytes));
  if (!ok) throw refuse('does not list the expected files');
  return entries as unknown as ManifestEntry[];
}

async function readBody(res: Response, onBytes: (n: number) => void): Promise<Bytes> {
  if (!res.body) {
    const all = new Uint8Array(await res.arrayBuffer());
    onBytes(all.length);
    return all;
  }
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    length += value.length;
    onBytes(length);
  }
  const all = new Uint8Array(length);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.length;
  }
  return all;
}

/** Returns the raw IDX bytes, or a reason why `gz` is not the file the manifest promises. */
export async function decodeAndVerify(gz: Bytes, entry: Pick<ManifestEntry, 'rawBytes' | 'sha256'>): Promise<Bytes | string> {
  let raw: Bytes;
  // Some servers add Content-Encoding: gzip to .gz files and fetch then hands us the inflated bytes.
  if (gz[0] === 0x1f && gz[1] === 0x8b) {
    try {
      const stream = new Blob([gz]).stream().pipeThrough(new DecompressionStream('gzip'));
      raw = new Uint8Array(await new Response(stream).arrayBuffer());
    } catch {
      return 'invalid gzip data';
    }
  } else {
    raw = gz;
  }
  if (raw.length !== entry.rawBytes) return `expected ${entry.rawBytes} bytes, got ${raw.length}`;
  if ((await sha256Hex(raw)) !== entry.sha256) return 'sha256 mismatch';
  return raw;
}

async function openCache(storage: MnistCacheStorage | null | undefined, name: string, precached: boolean): Promise<MnistCache | null> {
  if (!storage) return null;
  try {
    if (precached) {
      await storage.delete(name);
      return null;
    }
    return await storage.open(name);
  } catch {
    return null; // e.g. private browsing: training works without a cache.
  }
}

async function loadFile(
  entry: ManifestEntry,
  baseUrl: string,
  fetchFn: typeof fetch,
  cache: MnistCache | null,
  onBytes: (n: number) => void,
): Promise<Bytes> {
  const url = join(baseUrl, entry.url);
  // The hash in the key means a new dataset version can never be served a stale entry.
  const key = `${url}?sha256=${entry.sha256}`;

  if (cache) {
    const cached = await cache.match(key).catch(() => undefined);
    if (cached) {
      const raw = await readBody(cached, onBytes)
        .then((gz) => decodeAndVerify(gz, entry))
        .catch(() => 'unreadable cache entry');
      if (typeof raw !== 'string') return raw;
      // Never reuse a bad entry; fall through to one network attempt.
      await cache.delete(key).catch(() => false);
      onBytes(0);
    }
  }

  const res = await fetchOk(fetchFn, url, entry.name);
  let gz: Bytes;
  try {
    gz = await readBody(res, onBytes);
  } catch (err) {
    throw new MnistLoadError({ kind: 'interrupted', file: entry.name, detail: message(err) }, { cause: err });
  }
  const raw = await decodeAndVerify(gz, entry);
  if (typeof raw === 'string') {
    throw new MnistLoadError({ kind: 'corrupted', file: entry.name, detail: raw });
  }
  if (cache) {
    // Quota or other storage errors only cost us the next reload's download.
    await cache
      .put(key, new Response(gz, { headers: { 'Content-Type': 'application/gzip' } }))
      .catch(() => undefined);
  }
  return raw;
}

export async function loadMnistInBrowser(opts: LoadMnistOptions): Promise<Mnist> {
  const fetchFn = opts.fetchFn ?? globalThis.fetch.bind(globalThis);
  const storage = opts.cacheStorage === undefined ? globalThis.caches : opts.cacheStorage;
  try {
    const manifest = await loadManifest(fetchFn, opts.baseUrl);
    const cache = await openCache(storage, opts.cacheName ?? 'gradlab-mnist', opts.precached ?? false);
    const totalBytes = manifest.reduce((s, f) => s + f.compressedBytes, 0);
    const loaded = new Map<string, number>();
    const progress = (file: string) => (n: number) => {
      loaded.set(file, n);
      let loadedBytes = 0;
      for (const v of loaded.values()) loadedBytes += v;
      opts.onProgress?.({ loadedBytes, totalBytes, file });
    };
    const raws = await Promise.all(
      manifest.map(async (e) => [e.name, await loadFile(e, opts.baseUrl, fetchFn, cache, progress(e.name))] as const),
    );
    return mnistFromIdxFiles(Object.fromEntries(raws) as Record<MnistFileName, Uint8Array>);
  } catch (err) {
    if (err instanceof MnistLoadError) throw err;
    throw new MnistLoadError({ kind: 'other', detail: message(err) }, { cause: err });
  }
}
