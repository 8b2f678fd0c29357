// Builds a training batch on the GPU from the GPU-resident dataset: the images stay as bytes
// (four to a u32 word) and are normalised here, (pixel/255 − mean)/std, as the batch is gathered.
// Each invocation fills one of SLICES interleaved slices of a row, a word (four pixels) at a time:
// SwiftShader runs neighbouring invocations as one SIMD instruction, and this way they read
// neighbouring words and write neighbouring pixels. Twice as fast as one grid-stride loop over all
// the batch's words, which divided by the row length at every word.

struct Params { rows: u32, pixels: u32, mean: f32, inv_std: f32 }

override SLICES: u32; // set by gpu/ops/gather.ts, which sizes the dispatch by it

@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<storage, read> images: array<u32>;
@group(0) @binding(2) var<storage, read> labels: array<u32>;
@group(0) @binding(3) var<storage, read> order: array<u32>;
// start[0]: the position in `order` of this batch's first sample, written once per step.
@group(0) @binding(4) var<storage, read> start: array<u32>;
@group(0) @binding(5) var<storage, read_write> x: array<vec4f>;
@group(0) @binding(6) var<storage, read_write> y: array<u32>;

@compute @workgroup_size(64)
fn gather(@builtin(global_invocation_id) id: vec3u) {
  let row = id.x / SLICES;
  if (row >= p.rows) { return; }
  let slice = id.x % SLICES;
  let sample = order[start[0] + row];
  if (slice == 0u) { y[row] = labels[sample]; }
  let words_per_row = p.pixels / 4u;
  let source = sample * words_per_row;
  let target_row = row * words_per_row;
  let scale = p.inv_std / 255.0;
  let offset = p.mean * p.inv_std;
  for (var w = slice; w < words_per_row; w += SLICES) {
    let word = images[source + w];
    // A row's pixels are a multiple of 4 (gpu/ops/gather.ts checks): one store of four floats.
    x[target_row + w] = vec4f(vec4u(word, word >> 8u, word >> 16u, word >> 24u) & vec4u(0xffu)) * scale - offset;
  }
}
