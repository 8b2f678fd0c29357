// Turns a drawing into an MNIST-like input: MNIST's digits were scaled to fit a 20×20 box with
// their aspect ratio kept, anti-aliased, and centred in 28×28 by their centre of mass.

export const SIDE = 28;
const BOX = 20;
/** Faint anti-aliasing fringes do not widen the bounding box. */
const INK_THRESHOLD = 0.1;

interface Weight {
  index: number;
  weight: number;
}

/**
 * For each of `to` output cells along one axis, the input cells it overlaps and by how much, so
 * that each output is the average over its area of `from` input cells.
 */
function areaWeights(from: number, to: number): Weight[][] {
  const span = from / to;
  return Array.from({ length: to }, (_, j) => {
    const start = j * span;
    const end = start + span;
    const weights: Weight[] = [];
    for (let i = Math.floor(start); i < Math.min(Math.ceil(end), from); i++) {
      const overlap = Math.min(end, i + 1) - Math.max(start, i);
      if (overlap > 0) weights.push({ index: i, weight: overlap / span });
    }
    return weights;
  });
}

function boundingBox(ink: ArrayLike<number>, width: number, height: number) {
  let left = width;
  let right = -1;
  let top = height;
  let bottom = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (ink[y * width + x] <= INK_THRESHOLD) continue;
      left = Math.min(left, x);
      right = Math.max(right, x);
      top = Math.min(top, y);
      bottom = Math.max(bottom, y);
    }
  }
  return right < 0 ? null : { left, top, width: right - left + 1, height: bottom - top + 1 };
}

/**
 * `ink` is width × height values in [0, 1], row-major, 0 = blank. Returns 28 × 28 values in
 * [0, 1] as MNIST's images are, or null when nothing is drawn.
 */
export function preprocessDrawing(ink: ArrayLike<number>, width: number, height: number): Float32Array | null {
  if (![width, height].every((n) => Number.isInteger(n) && n > 0)) {
    throw new Error(`drawing size must be positive whole numbers, got ${width}×${height}`);
  }
  // Missing values would be read as ink and turn the image into NaNs.
  if (ink.length !== width * height) {
    throw new Error(`a ${width}×${height} drawing needs ${width * height} ink values, got ${ink.length}`);
  }
  const box = boundingBox(ink, width, height);
  if (!box) return null;
  const scale = BOX / Math.max(box.width, box.height);
  const outWidth = Math.max(1, Math.round(box.width * scale));
  const outHeight = Math.max(1, Math.round(box.height * scale));
  const columns = areaWeights(box.width, outWidth);
  const rows = areaWeights(box.height, outHeight);

  // Separable area averaging: across each input row first, then down each output column.
  const narrowed = new Float32Array(box.height * outWidth);
  for (let y = 0; y < box.height; y++) {
    const rowStart = (box.top + y) * width + box.left;
    columns.forEach((weights, x) => {
      let sum = 0;
      for (const { index, weight } of weights) sum += weight * ink[rowStart + index];
      narrowed[y * outWidth + x] = sum;
    });
  }
  const scaled = new Float32Array(outHeight * outWidth);
  rows.forEach((weights, y) => {
    for (let x = 0; x < outWidth; x++) {
      let sum = 0;
      for (const { index, weight } of weights) sum += weight * narrowed[index * outWidth + x];
      scaled[y * outWidth + x] = Math.min(1, Math.max(0, sum));
    }
  });

  let mass = 0;
  let massX = 0;
  let massY = 0;
  for (let y = 0; y < outHeight; y++) {
    for (let x = 0; x < outWidth; x++) {
      const v = scaled[y * outWidth + x];
      mass += v;
      massX += v * (x + 0.5);
      massY += v * (y + 0.5);
    }
  }
  // A lopsided shape could be pushed partly out of the field; keeping it whole matters more.
  const place = (centre: number, size: number) => Math.min(SIDE - size, Math.max(0, Math.round(SIDE / 2 - centre)));
  const offsetX = place(massX / mass, outWidth);
  const offsetY = place(massY / mass, outHeight);

  const image = new Float32Array(SIDE * SIDE);
  for (let y = 0; y < outHeight; y++) {
    image.set(scaled.subarray(y * outWidth, (y + 1) * outWidth), (offsetY + y) * SIDE + offsetX);
  }
  return image;
}
