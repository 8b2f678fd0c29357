// IDX files come from a download or a disk: any bytes give the dataset or an Error that names the
// file and the problem, never a TypeError or RangeError from inside the parser.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MNIST_FILES, mnistFromIdxFiles, parseIdxImages, parseIdxLabels, type MnistFileName } from '../gpu/data/idx';

const IMAGES_MAGIC = 2051;
const LABELS_MAGIC = 2049;
const RUNS = { numRuns: 300 };

/** An IDX file: a big-endian header of `words`, then `body`. */
function idx(words: readonly number[], body: Uint8Array): Uint8Array {
  const bytes = new Uint8Array(words.length * 4 + body.length);
  const view = new DataView(bytes.buffer);
  words.forEach((w, i) => view.setUint32(i * 4, w, false));
  bytes.set(body, words.length * 4);
  return bytes;
}

/** The same bytes seen through a view that does not start at its buffer's start (as Node's pooled Buffers do). */
function offsetView(bytes: Uint8Array, offset: number): Uint8Array {
  const buffer = new Uint8Array(offset + bytes.length + 3);
  buffer.set(bytes, offset);
  return buffer.subarray(offset, offset + bytes.length);
}

/** Calls `parse` and returns its error, failing the property on anything but a plain, named Error. */
function refusal(parse: () => unknown, name: string): Error | null {
  try {
    parse();
    return null;
  } catch (error) {
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).constructor).toBe(Error);
    expect((error as Error).message).toContain(name);
    return error as Error;
  }
}

const u32 = fc.integer({ min: 0, max: 0xffffffff });
const smallImages = fc
  .record({ count: fc.nat(4), rows: fc.nat(6), cols: fc.nat(6) })
  .chain(({ count, rows, cols }) =>
    fc.uint8Array({ minLength: count * rows * cols, maxLength: count * rows * cols }).map((pixels) => ({ count, rows, cols, pixels })),
  );
const digits = fc.array(fc.nat(9), { maxLength: 20 }).map((l) => Uint8Array.from(l));
/** Bytes that are sometimes noise and sometimes an IDX header of either kind with noise after it. */
const idxLike = fc.oneof(
  fc.uint8Array({ maxLength: 40 }),
  fc.tuple(fc.constantFrom(IMAGES_MAGIC, LABELS_MAGIC), fc.array(u32, { maxLength: 4 }), fc.uint8Array({ maxLength: 40 })).map(
    ([magic, dims, body]) => idx([magic, ...dims], body),
  ),
);

describe('IDX parsing, for any bytes', () => {
  it('returns images that account for every byte, or says what is wrong with the file', () => {
    fc.assert(
      fc.property(idxLike, fc.nat(7), (bytes, offset) => {
        const view = offsetView(bytes, offset);
        if (refusal(() => parseIdxImages(view, 'some-images'), 'some-images: ')) return;
        const { count, rows, cols, pixels } = parseIdxImages(view, 'some-images');
        expect(16 + count * rows * cols).toBe(bytes.length);
        expect(pixels).toEqual(bytes.subarray(16));
      }),
      RUNS,
    );
  });

  it('returns labels that are digits, or says what is wrong with the file', () => {
    fc.assert(
      fc.property(idxLike, fc.nat(7), (bytes, offset) => {
        const view = offsetView(bytes, offset);
        if (refusal(() => parseIdxLabels(view, 'some-labels'), 'some-labels: ')) return;
        const { count, labels } = parseIdxLabels(view, 'some-labels');
        expect(labels.length).toBe(count);
        expect(labels.every((l) => l <= 9)).toBe(true);
      }),
      RUNS,
    );
  });

  it('reads back any well-formed images file', () => {
    fc.assert(
      fc.property(smallImages, fc.nat(7), ({ count, rows, cols, pixels }, offset) => {
        const parsed = parseIdxImages(offsetView(idx([IMAGES_MAGIC, count, rows, cols], pixels), offset));
        expect(parsed).toEqual({ count, rows, cols, pixels });
      }),
      RUNS,
    );
  });

  it('refuses a well-formed file cut short or run long, saying which', () => {
    fc.assert(
      fc.property(smallImages, fc.integer({ min: -40, max: 40 }).filter((n) => n !== 0), ({ count, rows, cols, pixels }, change) => {
        const whole = idx([IMAGES_MAGIC, count, rows, cols], pixels);
        const changed = change < 0 ? whole.subarray(0, Math.max(0, whole.length + change)) : idx([IMAGES_MAGIC, count, rows, cols, ...new Array(change).fill(7)], pixels);
        const error = refusal(() => parseIdxImages(changed, 'cut'), 'cut: ');
        expect(error?.message).toMatch(change < 0 ? /truncated/ : /too long/);
      }),
      RUNS,
    );
  });

  it('refuses a wrong magic number with the number found', () => {
    fc.assert(
      fc.property(u32.filter((m) => m !== IMAGES_MAGIC), digits, (magic, body) => {
        const error = refusal(() => parseIdxImages(idx([magic, body.length, 1, 1], body), 'magic'), 'magic: ');
        expect(error?.message).toContain(`magic number is ${magic}`);
      }),
      RUNS,
    );
  });

  it('refuses the first label that is not a digit, by its index', () => {
    fc.assert(
      fc.property(digits, fc.integer({ min: 10, max: 255 }), fc.uint8Array({ maxLength: 20 }), (before, bad, after) => {
        const body = Uint8Array.from([...before, bad, ...after]);
        const error = refusal(() => parseIdxLabels(idx([LABELS_MAGIC, body.length], body), 'lab'), 'lab: ');
        expect(error?.message).toBe(`lab: label #${before.length} is ${bad}, expected a digit 0..9`);
      }),
      RUNS,
    );
  });
});

/** Four small MNIST-shaped files: images of rows×cols, and labels whose count may disagree. */
const datasetFiles = fc
  .record({
    trainImages: fc.nat(3),
    trainLabels: fc.nat(3),
    testImages: fc.nat(3),
    testLabels: fc.nat(3),
    side: fc.constantFrom(28, 28, 28, 27),
    omit: fc.option(fc.constantFrom(...MNIST_FILES.map((f) => f.name)), { nil: undefined }),
  })
  .map(({ trainImages, trainLabels, testImages, testLabels, side, omit }) => {
    const images = (count: number) => idx([IMAGES_MAGIC, count, side, side], new Uint8Array(count * side * side).fill(3));
    const labels = (count: number) => idx([LABELS_MAGIC, count], new Uint8Array(count).fill(4));
    const files: Partial<Record<MnistFileName, Uint8Array>> = {
      'train-images-idx3-ubyte': images(trainImages),
      'train-labels-idx1-ubyte': labels(trainLabels),
      't10k-images-idx3-ubyte': images(testImages),
      't10k-labels-idx1-ubyte': labels(testLabels),
    };
    if (omit) delete files[omit];
    const valid = side === 28 && trainImages === trainLabels && testImages === testLabels && !omit;
    return { files: files as Record<MnistFileName, Uint8Array>, valid, counts: [trainImages, testImages] };
  });

describe('the four MNIST files together', () => {
  it('make a dataset when they agree, and an error naming a file when they do not', () => {
    fc.assert(
      fc.property(datasetFiles, ({ files, valid, counts }) => {
        const error = refusal(() => mnistFromIdxFiles(files), '-idx');
        expect(error === null).toBe(valid);
        if (error) {
          expect(error.message).toMatch(/28×28|images but|not given/);
          return;
        }
        const { train, test } = mnistFromIdxFiles(files);
        expect([train.count, test.count]).toEqual(counts);
        expect([train.images.length, test.images.length]).toEqual(counts.map((c) => c * 784));
      }),
      { numRuns: 100 },
    );
  });
});
