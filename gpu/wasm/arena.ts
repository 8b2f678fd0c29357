import { BackendError } from '../backend';

/** Wasm pages are 64 KiB. */
const PAGE_BYTES = 65_536;
/** wasm32's whole address space: 4 GiB. */
export const MAX_PAGES = 65_536;
/**
 * Every region starts on 16 bytes and is a whole number of them, so f32x4 loads are aligned and an
 * elementwise kernel may run to its length rounded up to four elements (gpu/wasm/assembly).
 */
const ALIGN = 16;

interface Region {
  offset: number;
  bytes: number;
}

/**
 * Regions of one WebAssembly.Memory, from `base` up: first fit among the freed regions (which merge
 * with their neighbours), else the top, growing the memory as needed. Growing detaches every typed
 * array over the old memory.buffer: whoever keeps views checks `memory.buffer` before using one.
 */
export class Arena {
  private top: number;
  /** Freed regions below the top, by offset, none adjacent to another. */
  private readonly holes: Region[] = [];

  constructor(
    readonly memory: WebAssembly.Memory,
    private readonly base: number,
  ) {
    this.top = alignUp(base);
  }

  /** Byte offset of a new region of at least `bytes`; throws an out-of-memory BackendError when memory cannot grow. */
  allocate(bytes: number): number {
    const size = alignUp(Math.max(bytes, ALIGN));
    const index = this.holes.findIndex((h) => h.bytes >= size);
    if (index >= 0) {
      const hole = this.holes[index];
      const offset = hole.offset;
      if (hole.bytes === size) this.holes.splice(index, 1);
      else this.holes[index] = { offset: offset + size, bytes: hole.bytes - size };
      return offset;
    }
    const offset = this.top;
    this.reserve(offset + size);
    this.top = offset + size;
    return offset;
  }

  /** Gives back a region that allocate(bytes) returned. */
  free(offset: number, bytes: number): void {
    const size = alignUp(Math.max(bytes, ALIGN));
    const after = this.holes.findIndex((h) => h.offset > offset);
    const index = after < 0 ? this.holes.length : after;
    this.holes.splice(index, 0, { offset, bytes: size });
    const next = this.holes[index + 1];
    if (next && offset + size === next.offset) {
      this.holes[index].bytes += next.bytes;
      this.holes.splice(index + 1, 1);
    }
    const previous = this.holes[index - 1];
    if (previous && previous.offset + previous.bytes === offset) {
      previous.bytes += this.holes[index].bytes;
      this.holes.splice(index, 1);
    }
    const last = this.holes[this.holes.length - 1];
    if (last && last.offset + last.bytes === this.top) {
      this.top = last.offset;
      this.holes.pop();
    }
  }

  /** Forgets every region. */
  reset(): void {
    this.holes.length = 0;
    this.top = alignUp(this.base);
  }

  private reserve(end: number): void {
    const pages = Math.ceil(end / PAGE_BYTES) - this.memory.buffer.byteLength / PAGE_BYTES;
    if (pages <= 0) return;
    try {
      this.memory.grow(pages);
    } catch (error) {
      throw new BackendError('out-of-memory', `WebAssembly memory cannot grow to ${end} bytes: ${(error as Error).message}`);
    }
  }
}

function alignUp(n: number): number {
  return Math.ceil(n / ALIGN) * ALIGN;
}
