// The safetensors format, written and read here because it is small and there is no maintained
// JavaScript package for it that also checks a file the way the Rust reference does: an 8-byte
// little-endian header length, a JSON header naming each tensor's dtype, shape and byte range,
// then the raw little-endian bytes. Only float32 is read: gradlab's parameters are float32.

/** A file gradlab will not read, with a message that names the problem. */
export class ModelFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModelFileError';
  }
}

export interface NamedTensor {
  name: string;
  shape: number[];
  data: Float32Array;
}

export interface SafetensorsContents {
  tensors: Map<string, { shape: number[]; data: Float32Array }>;
  metadata: Record<string, string>;
}

/** The Rust reference refuses larger headers; so do we, before decoding one. */
export const MAX_HEADER_BYTES = 100_000_000;
const METADATA_KEY = '__metadata__';
const F32_BYTES = 4;
const OPEN_BRACE = 0x7b;

const elementCount = (shape: readonly number[]) => shape.reduce((n, d) => n * d, 1);

/**
 * The file safetensors' save_file writes for these tensors: names in sorted order with contiguous
 * byte ranges, `__metadata__` first, the header padded with spaces to a multiple of 8 bytes so
 * that every tensor starts aligned.
 */
export function writeSafetensors(tensors: NamedTensor[], metadata: Record<string, string>): Uint8Array {
  const sorted = [...tensors].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const header: Record<string, unknown> = {};
  if (Object.keys(metadata).length > 0) header[METADATA_KEY] = metadata;
  let offset = 0;
  for (const { name, shape, data } of sorted) {
    if (name === METADATA_KEY || Object.hasOwn(header, name)) throw new ModelFileError(`tensor name ${name} is reserved or repeated`);
    if (data.length !== elementCount(shape)) {
      throw new ModelFileError(`tensor ${name} has ${data.length} values but its shape [${shape.join(', ')}] needs ${elementCount(shape)}`);
    }
    header[name] = { dtype: 'F32', shape, data_offsets: [offset, offset + data.byteLength] };
    offset += data.byteLength;
  }
  const json = new TextEncoder().encode(JSON.stringify(header));
  const headerLength = Math.ceil(json.length / 8) * 8;
  const bytes = new Uint8Array(8 + headerLength + offset);
  const view = new DataView(bytes.buffer);
  view.setBigUint64(0, BigInt(headerLength), true);
  bytes.set(json, 8);
  bytes.fill(0x20, 8 + json.length, 8 + headerLength);
  let at = 8 + headerLength;
  for (const { data } of sorted) {
    for (let i = 0; i < data.length; i++, at += F32_BYTES) view.setFloat32(at, data[i], true);
  }
  return bytes;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

function malformed(problem: string): never {
  throw new ModelFileError(`malformed header: ${problem}`);
}

/** The header's JSON text, after the checks that tell a safetensors file from anything else. */
function headerText(bytes: Uint8Array): { json: string; dataStart: number } {
  if (bytes.length < 8) throw new ModelFileError(`not a safetensors file: it is ${bytes.length} bytes long, too short for the 8-byte header length`);
  // A safetensors header is a JSON object, so byte 8 is "{"; anything else is another kind of file.
  if (bytes.length > 8 && bytes[8] !== OPEN_BRACE) {
    throw new ModelFileError('not a safetensors file: it does not start with a header length and a JSON header');
  }
  const length = new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0, true);
  if (length > BigInt(MAX_HEADER_BYTES)) throw new ModelFileError(`header of ${length} bytes is over the 100 MB limit`);
  const headerLength = Number(length);
  if (8 + headerLength > bytes.length) {
    throw new ModelFileError(`truncated: the header should be ${headerLength} bytes, but only ${bytes.length - 8} follow the length`);
  }
  try {
    return { json: new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, 8 + headerLength)), dataStart: 8 + headerLength };
  } catch {
    throw new ModelFileError('header is not JSON: it is not UTF-8 text');
  }
}

function readMetadata(value: unknown): Record<string, string> {
  if (value === undefined) return {};
  if (!isRecord(value)) malformed(`${METADATA_KEY} is not an object`);
  for (const [key, text] of Object.entries(value)) {
    if (typeof text !== 'string') malformed(`${METADATA_KEY}.${key} is not a string`);
  }
  return value as Record<string, string>;
}

interface Entry {
  name: string;
  shape: number[];
  begin: number;
  end: number;
}

function readEntry(name: string, value: unknown): Entry {
  if (!isRecord(value)) malformed(`tensor ${name} is not an object`);
  const { dtype, shape, data_offsets: offsets } = value;
  if (typeof dtype !== 'string') malformed(`tensor ${name} has no dtype`);
  if (!Array.isArray(shape) || !shape.every(isCount)) malformed(`tensor ${name} has no shape of whole numbers`);
  if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every(isCount) || offsets[0] > offsets[1]) {
    malformed(`tensor ${name} has no data_offsets [begin, end]`);
  }
  if (dtype !== 'F32') throw new ModelFileError(`tensor ${name} is ${dtype}; only F32 is read`);
  const [begin, end] = offsets as number[];
  const needed = elementCount(shape as number[]) * F32_BYTES;
  if (end - begin !== needed) malformed(`tensor ${name} holds ${end - begin} bytes, but F32 of shape [${shape.join(', ')}] is ${needed}`);
  return { name, shape: shape as number[], begin, end };
}

/**
 * The float32 tensors and the metadata of a safetensors file, checked as the Rust reference
 * checks one: the tensors' byte ranges must tile the data exactly, with no gap, overlap or
 * leftover bytes. Anything else is refused with a ModelFileError naming the problem.
 */
export function readSafetensors(bytes: Uint8Array): SafetensorsContents {
  const { json, dataStart } = headerText(bytes);
  let header: unknown;
  try {
    header = JSON.parse(json);
  } catch (error) {
    throw new ModelFileError(`header is not JSON: ${(error as Error).message}`);
  }
  if (!isRecord(header)) throw new ModelFileError('header is not JSON: it is not an object');
  const metadata = readMetadata(header[METADATA_KEY]);
  const entries = Object.entries(header)
    .filter(([name]) => name !== METADATA_KEY)
    .map(([name, value]) => readEntry(name, value))
    .sort((a, b) => a.begin - b.begin || a.end - b.end);

  const dataLength = bytes.length - dataStart;
  let expectedBegin = 0;
  for (const { name, begin, end } of entries) {
    if (begin !== expectedBegin) malformed(`tensor ${name} starts at byte ${begin}, expected ${expectedBegin} (the tensors must be contiguous)`);
    if (end > dataLength) throw new ModelFileError(`truncated: tensor ${name} ends at byte ${end} of the data, but the file holds only ${dataLength}`);
    expectedBegin = end;
  }
  if (expectedBegin !== dataLength) malformed(`${dataLength - expectedBegin} bytes after the last tensor belong to no tensor`);

  const view = new DataView(bytes.buffer, bytes.byteOffset + dataStart, dataLength);
  const tensors = new Map<string, { shape: number[]; data: Float32Array }>();
  for (const { name, shape, begin, end } of entries) {
    const data = new Float32Array((end - begin) / F32_BYTES);
    for (let i = 0; i < data.length; i++) data[i] = view.getFloat32(begin + i * F32_BYTES, true);
    tensors.set(name, { shape, data });
  }
  return { tensors, metadata };
}
