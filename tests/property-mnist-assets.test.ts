// The browser loader's inputs from the network: the manifest and the gzip bodies. Any of them gives
// the data or a MnistLoadError / a reason that names the problem, never an exception from inside.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { sha256Hex } from '../gpu/data/idx';
import { decodeAndVerify, loadMnistInBrowser, MnistLoadError, parseManifest } from '../gpu/data/mnist-browser';

const MANIFEST_URL = 'http://gradlab.test/mnist/manifest.json';
const MANIFEST = JSON.parse(readFileSync('public/mnist/manifest.json', 'utf8')) as { files: Record<string, unknown>[] };
const FIELDS = ['name', 'url', 'compressedBytes', 'rawBytes', 'sha256'] as const;

/** Parses `json`, failing the property on anything thrown but a MnistLoadError about the manifest. */
function parsed(json: unknown): ReturnType<typeof parseManifest> | MnistLoadError {
  try {
    return parseManifest(json, MANIFEST_URL);
  } catch (error) {
    expect(error).toBeInstanceOf(MnistLoadError);
    expect((error as Error).message).toMatch(new RegExp(`^The MNIST manifest at ${MANIFEST_URL} .+ \\(rebuild it with npm install\\)$`));
    return error as MnistLoadError;
  }
}

/** The real manifest with one field of one entry replaced by `value`, or removed when `value` is undefined. */
function withField(entry: number, field: string, value: unknown) {
  const files = MANIFEST.files.map((f) => ({ ...f }));
  if (value === undefined) delete files[entry][field];
  else files[entry][field] = value;
  return { ...MANIFEST, files };
}

const entryIndex = fc.nat(MANIFEST.files.length - 1);

describe('the MNIST manifest, for any JSON', () => {
  it('accepts the manifest the build writes', () => {
    expect(parseManifest(MANIFEST, MANIFEST_URL)).toEqual(MANIFEST.files);
  });

  it('is refused with a MnistLoadError unless it lists the expected files', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.record({ files: fc.jsonValue() }), fc.record({ files: fc.array(fc.jsonValue()) })), (json) => {
        expect(parsed(json)).toBeInstanceOf(MnistLoadError);
      }),
      { numRuns: 300 },
    );
  });

  it('is refused, naming the field, when an entry lacks one', () => {
    fc.assert(
      fc.property(entryIndex, fc.constantFrom(...FIELDS), (entry, field) => {
        const result = parsed(withField(entry, field, undefined));
        expect(result).toBeInstanceOf(MnistLoadError);
        if (field === 'url' || field === 'compressedBytes') expect((result as Error).message).toContain(`files[${entry}].${field}`);
      }),
    );
  });

  it('with any value in any field, is refused or still describes files that can be fetched', () => {
    const oddValue = fc.oneof(
      fc.jsonValue(),
      fc.constantFrom('', '/etc/passwd', '../x.gz', 'https://evil.test/x.gz', 'mnist/../../x', 'a\\b', '%2e%2e/x', -1, 0, 1.5, 1e300),
    );
    fc.assert(
      fc.property(entryIndex, fc.constantFrom(...FIELDS), oddValue, (entry, field, value) => {
        const result = parsed(withField(entry, field, value));
        if (result instanceof MnistLoadError) return;
        for (const { url, compressedBytes } of result) {
          expect(url).toMatch(/^[\w.-]+(\/[\w.-]+)*$/);
          expect(url.split('/')).not.toContain('..');
          expect(Number.isSafeInteger(compressedBytes) && compressedBytes > 0).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('loadMnistInBrowser, served any manifest', () => {
  it('fails with a MnistLoadError that says what is wrong with it', async () => {
    const body = fc.oneof(fc.jsonValue().map((json) => JSON.stringify(json)), fc.string());
    await fc.assert(
      fc.asyncProperty(body, async (text) => {
        const fetchFn = (async () => new Response(text)) as typeof fetch;
        const error = await loadMnistInBrowser({ baseUrl: 'http://gradlab.test/', fetchFn, cacheStorage: null }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(MnistLoadError);
        expect((error as Error).message).toMatch(new RegExp(`^The MNIST manifest at ${MANIFEST_URL} (is not valid JSON|.+ \\(rebuild it with npm install\\))$`));
      }),
      { numRuns: 100 },
    );
  });
});

describe('a downloaded body, for any bytes', () => {
  const entryFor = async (raw: Uint8Array) => ({ rawBytes: raw.length, sha256: await sha256Hex(raw) });
  const gzipped = (raw: Uint8Array) => new Uint8Array(gzipSync(raw));
  const data = fc.uint8Array({ minLength: 1, maxLength: 2000 });

  it('gives the file when it is the promised file, gzipped or not', async () => {
    await fc.assert(
      fc.asyncProperty(data, fc.boolean(), async (raw, compress) => {
        const entry = await entryFor(raw);
        expect(await decodeAndVerify(compress ? gzipped(raw) : new Uint8Array(raw), entry)).toEqual(raw);
      }),
      { numRuns: 60 },
    );
  });

  it('gives a reason, never an exception or other bytes, when it is cut short, altered or noise', async () => {
    const damaged = fc.oneof(
      data.chain((raw) => fc.nat(gzipped(raw).length - 1).map((keep) => ({ raw, body: gzipped(raw).slice(0, keep) }))),
      data.chain((raw) =>
        fc.tuple(fc.nat(gzipped(raw).length - 1), fc.integer({ min: 1, max: 255 })).map(([at, flip]) => {
          const body = gzipped(raw);
          body[at] ^= flip;
          return { raw, body };
        }),
      ),
      fc.tuple(data, fc.uint8Array({ maxLength: 200 })).map(([raw, noise]) => ({ raw, body: Uint8Array.from([0x1f, 0x8b, ...noise]) })),
    );
    await fc.assert(
      fc.asyncProperty(damaged, async ({ raw, body }) => {
        const result = await decodeAndVerify(body, await entryFor(raw));
        // Some header bytes (the time stamp, the text flag) can change without changing the file.
        if (typeof result !== 'string') expect(result).toEqual(raw);
        else expect(result).toMatch(/^(invalid gzip data|expected \d+ bytes, got \d+|sha256 mismatch)$/);
      }),
      { numRuns: 100 },
    );
  });
});
