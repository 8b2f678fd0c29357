// The elementwise kernels and reductions that a training step spends time in besides the matmuls,
// four lanes at a time. Each takes its kernel's params in order, then its buffers' byte offsets.
// Every buffer is a whole number of 16-byte lanes (see gpu/wasm/arena.ts), so an elementwise loop
// runs to n rounded up to 4: the last lanes past n are the buffer's own padding, read by no one.

/** relu: out = max(x, 0). */
export function relu_forward(n: i32, _alpha: f32, _beta: f32, _threshold: f32, x: usize, out: usize): void {
  const zero = f32x4.splat(0);
  for (let i = 0; i < n; i += 4) {
    const o = <usize>i << 2;
    v128.store(out + o, f32x4.max(v128.load(x + o), zero));
  }
}

/** relu's backward: out = dy · (x > 0 ? 1 : 0), a product (not a mask), so that a NaN in dy stays NaN. */
export function relu_backward(n: i32, _alpha: f32, _beta: f32, _threshold: f32, x: usize, out: usize, dy: usize): void {
  const zero = f32x4.splat(0);
  const one = f32x4.splat(1);
  for (let i = 0; i < n; i += 4) {
    const o = <usize>i << 2;
    const slope = v128.and(f32x4.gt(v128.load(x + o), zero), one);
    v128.store(out + o, f32x4.mul(v128.load(dy + o), slope));
  }
}

/** Σ over rows of x [n / cols, cols], four columns at a time. */
export function sum_columns(n: i32, cols: i32, _scale: f32, x: usize, out: usize): void {
  const c4 = cols & ~3;
  const rowBytes = <usize>cols << 2;
  const end = x + (<usize>n << 2);
  for (let c = 0; c < c4; c += 4) {
    let acc = f32x4.splat(0);
    for (let p = x + (<usize>c << 2); p < end; p += rowBytes) acc = f32x4.add(acc, v128.load(p));
    v128.store(out + (<usize>c << 2), acc);
  }
  for (let c = c4; c < cols; c++) {
    let s: f32 = 0;
    for (let p = x + (<usize>c << 2); p < end; p += rowBytes) s += load<f32>(p);
    store<f32>(out + (<usize>c << 2), s);
  }
}

/** out = x · y[0]. */
export function scale_by(n: i32, _cols: i32, _scale: f32, x: usize, out: usize, y: usize): void {
  const sv = v128.load32_splat(y);
  for (let i = 0; i < n; i += 4) {
    const o = <usize>i << 2;
    v128.store(out + o, f32x4.mul(v128.load(x + o), sv));
  }
}

/** out = x + y. */
export function add(n: i32, _cols: i32, _scale: f32, x: usize, out: usize, y: usize): void {
  for (let i = 0; i < n; i += 4) {
    const o = <usize>i << 2;
    v128.store(out + o, f32x4.add(v128.load(x + o), v128.load(y + o)));
  }
}

/**
 * A batch of rows from images stored as bytes (see gatherBatch): x = byte · inv_std/255 − mean·inv_std,
 * sixteen pixels at a time (one load of bytes for four stores), the last pixels mod 16 four at a
 * time (pixels is a multiple of 4).
 */
export function gather(rows: i32, pixels: i32, mean: f32, inv_std: f32, images: usize, labels: usize, order: usize, start: usize, x: usize, y: usize): void {
  const scale = f32x4.splat(inv_std / 255);
  const shift = f32x4.splat(mean * inv_std);
  const first = load<u32>(start);
  const p16 = pixels & ~15;
  for (let r = 0; r < rows; r++) {
    const sample = load<u32>(order + ((<usize>first + r) << 2));
    const from = images + <usize>sample * pixels;
    const to = x + ((<usize>r * pixels) << 2);
    let j = 0;
    for (; j < p16; j += 16) {
      const bytes = v128.load(from + j);
      const low = i16x8.extend_low_i8x16_u(bytes);
      const high = i16x8.extend_high_i8x16_u(bytes);
      const out = to + (<usize>j << 2);
      v128.store(out, normalised(i32x4.extend_low_i16x8_u(low), scale, shift));
      v128.store(out, normalised(i32x4.extend_high_i16x8_u(low), scale, shift), 16);
      v128.store(out, normalised(i32x4.extend_low_i16x8_u(high), scale, shift), 32);
      v128.store(out, normalised(i32x4.extend_high_i16x8_u(high), scale, shift), 48);
    }
    for (; j < pixels; j += 4) {
      const bytes = i32x4.extend_low_i16x8_u(i16x8.extend_low_i8x16_u(v128.load32_zero(from + j)));
      v128.store(to + (<usize>j << 2), normalised(bytes, scale, shift));
    }
    store<u32>(y + (<usize>r << 2), load<u32>(labels + (<usize>sample << 2)));
  }
}

@inline function normalised(pixels: v128, scale: v128, shift: v128): v128 {
  return f32x4.sub(f32x4.mul(f32x4.convert_i32x4_u(pixels), scale), shift);
}

// The order of h in optim.wgsl (and gpu/optim/optimizers.ts).
const LR = 0;
const WEIGHT_DECAY = 4;
const BETA1 = 8;
const BETA2 = 12;
const EPS = 16;
const BIAS_CORRECTION1 = 20;
const BIAS_CORRECTION2 = 24;

/** PyTorch's Adam, in place, from the hyper-parameters h. */
export function adam(n: i32, h: usize, grad: usize, param: usize, m: usize, v: usize): void {
  const wd = f32x4.splat(load<f32>(h + WEIGHT_DECAY));
  const b1 = f32x4.splat(load<f32>(h + BETA1));
  const b2 = f32x4.splat(load<f32>(h + BETA2));
  const c1 = f32x4.splat(1 - load<f32>(h + BETA1));
  const c2 = f32x4.splat(1 - load<f32>(h + BETA2));
  const eps = f32x4.splat(load<f32>(h + EPS));
  const rootCorrection2 = f32x4.splat(sqrt<f32>(load<f32>(h + BIAS_CORRECTION2)));
  const step = f32x4.splat(load<f32>(h + LR) / load<f32>(h + BIAS_CORRECTION1));
  for (let i = 0; i < n; i += 4) {
    const o = <usize>i << 2;
    const p = v128.load(param + o);
    const g = f32x4.add(v128.load(grad + o), f32x4.mul(wd, p));
    const mi = f32x4.add(f32x4.mul(b1, v128.load(m + o)), f32x4.mul(c1, g));
    const vi = f32x4.add(f32x4.mul(b2, v128.load(v + o)), f32x4.mul(f32x4.mul(c2, g), g));
    const denom = f32x4.add(f32x4.div(f32x4.sqrt(vi), rootCorrection2), eps);
    v128.store(m + o, mi);
    v128.store(v + o, vi);
    v128.store(param + o, f32x4.sub(p, f32x4.mul(step, f32x4.div(mi, denom))));
  }
}
