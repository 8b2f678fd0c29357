// MNIST in the IDX format, shared by the browser, the worker and Node: no Node imports here.

export interface MnistSet {
  /** count × 784 bytes, row-major 28×28, 0 = background. */
  images: Uint8Array;
  labels: Uint8Array;
  count: number;
}

export interface Mnist {
  train: MnistSet;
  test: MnistSet;
}

export type MnistFileName =
  | 'train-images-idx3-ubyte'
  | 'train-labels-idx1-ubyte'
  | 't10k-images-idx3-ubyte'
  | 't10k-labels-idx1-ubyte';

export interface MnistFile {
  name: MnistFileName;
  sha256: string;
  bytes: number;
}

/**
 * The exact files we accept. Every loader checks against this table, so a stale manifest or a
 * different copy of MNIST is caught before it silently changes training results.
 * scripts/build-mnist-assets.mjs repeats it (it may only use Node built-ins); a test keeps them equal.
 */
export const MNIST_FILES: readonly MnistFile[] = [
  {
    name: 'train-images-idx3-ubyte',
    sha256: 'ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db',
    bytes: 47040016,
  },
  {
    name: 'train-labels-idx1-ubyte',
    sha256: '65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5',
    bytes: 60008,
  },
  {
    name: 't10k-images-idx3-ubyte',
    sha256: '0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7',
    bytes: 7840016,
  },
  {
    name: 't10k-labels-idx1-ubyte',
    sha256: 'ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2',
    bytes: 10008,
  },
];

const IMAGES_MAGIC = 2051;
const LABELS_MAGIC = 2049;

function readHeader(bytes: Uint8Array, words: number, name: string): number[] {
  if (bytes.length < words * 4) {
    throw new Error(`${name}: file is truncated: got ${bytes.length} bytes, the IDX header alone needs ${words * 4}`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, words * 4);
  // IDX is big-endian.
  return Array.from({ length: words }, (_, i) => view.getUint32(i * 4, false));
}

function checkMagic(magic: number, expected: number, kind: string, name: string): void {
  if (magic !== expected) {
    throw new Error(
      `${name}: not an IDX ${kind} file: magic number is ${magic} (0x${magic.toString(16).padStart(8, '0')}), expected ${expected}`,
    );
  }
}

function checkLength(bytes: Uint8Array, expected: number, what: string, name: string): void {
  if (bytes.length < expected) {
    throw new Error(`${name}: file is truncated: header says ${what} (${expected} bytes) but got ${bytes.length} bytes`);
  }
  if (bytes.length > expected) {
    throw new Error(`${name}: file is too long: header says ${what} (${expected} bytes) but got ${bytes.length} bytes`);
  }
}

export function parseIdxImages(
  bytes: Uint8Array,
  name = 'images',
): { count: number; rows: number; cols: number; pixels: Uint8Array } {
  const [magic, count, rows, cols] = readHeader(bytes, 4, name);
  checkMagic(magic, IMAGES_MAGIC, 'image', name);
  checkLength(bytes, 16 + count * rows * cols, `${count} images of ${rows}×${cols}`, name);
  // A fresh plain Uint8Array (not a view into the file, not a Node Buffer) so callers can transfer
  // or reinterpret `.buffer` without dragging the header along.
  return { count, rows, cols, pixels: new Uint8Array(bytes.subarray(16)) };
}

export function parseIdxLabels(bytes: Uint8Array, name = 'labels'): { count: number; labels: Uint8Array } {
  const [magic, count] = readHeader(bytes, 2, name);
  checkMagic(magic, LABELS_MAGIC, 'label', name);
  checkLength(bytes, 8 + count, `${count} labels`, name);
  const labels = new Uint8Array(bytes.subarray(8));
  const bad = labels.findIndex((l) => l > 9);
  if (bad >= 0) throw new Error(`${name}: label #${bad} is ${labels[bad]}, expected a digit 0..9`);
  return { count, labels };
}

function mnistSet(imagesBytes: Uint8Array, labelsBytes: Uint8Array, imagesName: string, labelsName: string): MnistSet {
  const img = parseIdxImages(imagesBytes, imagesName);
  const lab = parseIdxLabels(labelsBytes, labelsName);
  if (img.rows !== 28 || img.cols !== 28) {
    throw new Error(`${imagesName}: images are ${img.rows}×${img.cols}, expected 28×28`);
  }
  if (img.count !== lab.count) {
    throw new Error(`${imagesName} has ${img.count} images but ${labelsName} has ${lab.count} labels`);
  }
  return { images: img.pixels, labels: lab.labels, count: img.count };
}

/** Builds the dataset from the four raw (already verified) IDX files. */
export function mnistFromIdxFiles(files: Record<MnistFileName, Uint8Array>): Mnist {
  const missing = MNIST_FILES.find((f) => !(files[f.name] instanceof Uint8Array));
  if (missing) throw new Error(`${missing.name}: the file was not given`);
  return {
    train: mnistSet(
      files['train-images-idx3-ubyte'],
      files['train-labels-idx1-ubyte'],
      'train-images-idx3-ubyte',
      'train-labels-idx1-ubyte',
    ),
    test: mnistSet(
      files['t10k-images-idx3-ubyte'],
      files['t10k-labels-idx1-ubyte'],
      't10k-images-idx3-ubyte',
      't10k-labels-idx1-ubyte',
    ),
  };
}

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  // subtle.digest rejects views over a SharedArrayBuffer, so copy only in that rare case.
  const data = bytes.buffer instanceof ArrayBuffer ? (bytes as Uint8Array<ArrayBuffer>) : new Uint8Array(bytes);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', data));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}
