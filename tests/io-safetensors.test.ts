// The safetensors format as gradlab writes and reads it: the bytes safetensors' save_file writes,
// and every file that is not one refused with its problem named.
import { describe, expect, it } from 'vitest';
import { MAX_HEADER_BYTES, ModelFileError, readSafetensors, writeSafetensors } from '../gpu/io/safetensors';

/** A file from raw parts: the header as JSON (or any text), the data bytes, and the length written first. */
function craft(header: unknown, data: Uint8Array = new Uint8Array(0), length?: bigint): Uint8Array {
  const json = new TextEncoder().encode(typeof header === 'string' ? header : JSON.stringify(header));
  const bytes = new Uint8Array(8 + json.length + data.length);
  new DataView(bytes.buffer).setBigUint64(0, length ?? BigInt(json.length), true);
  bytes.set(json, 8);
  bytes.set(data, 8 + json.length);
  return bytes;
}

const f32 = (values: number[]) => new Uint8Array(Float32Array.from(values).buffer);
const entry = (shape: number[], begin: number, end: number, dtype = 'F32') => ({ dtype, shape, data_offsets: [begin, end] });

function refusal(bytes: Uint8Array): string {
  try {
    readSafetensors(bytes);
  } catch (error) {
    expect(error).toBeInstanceOf(ModelFileError);
    return (error as Error).message;
  }
  throw new Error('the file was read');
}

describe('writeSafetensors', () => {
  const tensors = [
    { name: 'b', shape: [2, 3], data: Float32Array.from([1, -2, 3.5, 0, 1e-30, -0]) },
    { name: 'a', shape: [2], data: Float32Array.from([Math.PI, -1]) },
  ];
  const bytes = writeSafetensors(tensors, { format: 'pt' });
  const view = new DataView(bytes.buffer);
  const length = Number(view.getBigUint64(0, true));
  const headerText = new TextDecoder().decode(bytes.subarray(8, 8 + length));

  it('writes the header length, a JSON header padded with spaces to a multiple of 8, then the data', () => {
    expect(length % 8).toBe(0);
    expect(headerText).toMatch(/^\{.*\} *$/);
    expect(headerText.trimEnd().length).toBeGreaterThan(length - 8);
    expect(bytes.length).toBe(8 + length + 8 * 4);
  });

  it('puts __metadata__ first and the tensors in name order, contiguous, as save_file does', () => {
    const header = JSON.parse(headerText) as Record<string, unknown>;
    expect(Object.keys(header)).toEqual(['__metadata__', 'a', 'b']);
    expect(header.__metadata__).toEqual({ format: 'pt' });
    expect(header.a).toEqual(entry([2], 0, 8));
    expect(header.b).toEqual(entry([2, 3], 8, 32));
  });

  it('stores float32 little-endian', () => {
    expect(view.getFloat32(8 + length, true)).toBe(Math.fround(Math.PI));
    expect(view.getFloat32(8 + length + 8 + 8, true)).toBe(3.5);
  });

  it('reads back what it wrote, bit for bit', () => {
    const { tensors: read, metadata } = readSafetensors(bytes);
    expect(metadata).toEqual({ format: 'pt' });
    expect([...read.keys()].sort()).toEqual(['a', 'b']);
    for (const t of tensors) {
      expect(read.get(t.name)!.shape).toEqual(t.shape);
      expect(new Uint8Array(read.get(t.name)!.data.buffer)).toEqual(new Uint8Array(t.data.buffer));
    }
  });

  it('reads a file whose data starts unaligned, as another writer may leave it', () => {
    const { tensors: read } = readSafetensors(craft({ x: entry([3], 0, 12) }, f32([1, 2, 3])));
    expect(Array.from(read.get('x')!.data)).toEqual([1, 2, 3]);
  });

  it('writes no __metadata__ when there is none, and refuses a shape its data does not fill', () => {
    expect(Object.keys(readSafetensors(writeSafetensors(tensors, {})).metadata)).toEqual([]);
    expect(() => writeSafetensors([{ name: 'x', shape: [3], data: new Float32Array(2) }], {})).toThrow(/tensor x has 2 values but its shape \[3\] needs 3/);
  });
});

describe('readSafetensors refuses', () => {
  const good = { x: entry([2], 0, 8) };

  it('a file that is not safetensors', () => {
    expect(refusal(new Uint8Array([1, 2, 3]))).toMatch(/^not a safetensors file: it is 3 bytes long/);
    expect(refusal(new TextEncoder().encode('hello, this is a text file'))).toMatch(/^not a safetensors file/);
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    expect(refusal(png)).toMatch(/^not a safetensors file/);
  });

  it('a truncated file: the header, or the data, cut short', () => {
    const whole = craft(good, f32([1, 2]));
    expect(refusal(whole.subarray(0, 20))).toMatch(/^truncated: the header should be \d+ bytes, but only 12 follow/);
    expect(refusal(whole.subarray(0, whole.length - 3))).toMatch(/^truncated: tensor x ends at byte 8 of the data, but the file holds only 5/);
  });

  it('a header that is not JSON, or not a JSON object', () => {
    expect(refusal(craft('{"x": {"dtype": "F32",', f32([1, 2])))).toMatch(/^header is not JSON: /);
    expect(refusal(craft('{"x": 1} [', f32([1, 2])))).toMatch(/^header is not JSON: /);
    const invalidUtf8 = craft('{"x":  }');
    invalidUtf8[14] = 0xff;
    expect(refusal(invalidUtf8)).toBe('header is not JSON: it is not UTF-8 text');
  });

  it('a header over the 100 MB limit, before reading it', () => {
    expect(refusal(craft(good, f32([1, 2]), BigInt(MAX_HEADER_BYTES + 1)))).toBe('header of 100000001 bytes is over the 100 MB limit');
    expect(refusal(craft(good, f32([1, 2]), 2n ** 63n))).toMatch(/^header of 9223372036854775808 bytes is over the 100 MB limit$/);
  });

  it('a tensor that is not float32', () => {
    expect(refusal(craft({ '0.weight': entry([2], 0, 4, 'F16') }, new Uint8Array(4)))).toBe('tensor 0.weight is F16; only F32 is read');
    expect(refusal(craft({ x: entry([2], 0, 16, 'F64') }, new Uint8Array(16)))).toBe('tensor x is F64; only F32 is read');
  });

  it('a malformed header: entries without a dtype, shape or offsets, or offsets that do not tile the data', () => {
    const cases: [unknown, Uint8Array, RegExp][] = [
      [{ x: 5 }, new Uint8Array(0), /^malformed header: tensor x is not an object$/],
      [{ x: { shape: [2], data_offsets: [0, 8] } }, f32([1, 2]), /tensor x has no dtype/],
      [{ x: { dtype: 'F32', shape: [2.5], data_offsets: [0, 8] } }, f32([1, 2]), /tensor x has no shape of whole numbers/],
      [{ x: { dtype: 'F32', shape: [2], data_offsets: [8, 0] } }, f32([1, 2]), /tensor x has no data_offsets/],
      [{ x: entry([3], 0, 8) }, f32([1, 2]), /tensor x holds 8 bytes, but F32 of shape \[3\] is 12/],
      [{ x: entry([1], 4, 8) }, f32([1, 2]), /tensor x starts at byte 4, expected 0/],
      [{ x: entry([2], 0, 8), y: entry([2], 4, 12) }, f32([1, 2, 3]), /tensor y starts at byte 4, expected 8/],
      [{ x: entry([1], 0, 4) }, f32([1, 2]), /4 bytes after the last tensor belong to no tensor/],
      [{ __metadata__: { format: 1 }, ...good }, f32([1, 2]), /__metadata__\.format is not a string/],
      [{ __metadata__: ['pt'], ...good }, f32([1, 2]), /__metadata__ is not an object/],
    ];
    for (const [header, data, message] of cases) expect(refusal(craft(header, data))).toMatch(message);
  });
});
