// Builds a training batch on the GPU from the GPU-resident dataset: the images stay as bytes
// (four to a u32 word) and are normalised here, (pixel/255 − mean)/std, as the batch is gathered.
// Each iteration handles one word, four pixels: a row's pixel count is a multiple of four.

struct Params { rows: u32, pixels: u32, mean: f32, inv_std: f32 }

@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<storage, read> images: array<u32>;
@group(0) @binding(2) var<storage, read> labels: array<u32>;
@group(0) @binding(3) var<storage, read> order: array<u32>;
// start[0]: the position in `order` of this batch's first sample, written once per step.
@group(0) @binding(4) var<storage, read> start: array<u32>;
@group(0) @binding(5) var<storage, read_write> x: array<f32>;
@group(0) @binding(6) var<storage, read_write> y: array<u32>;

@compute @workgroup_size(64)
fn gather(@builtin(global_invocation_id) id: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let words_per_row = p.pixels / 4u;
  let total = p.rows * words_per_row;
  let scale = p.inv_std / 255.0;
  let offset = p.mean * p.inv_std;
  for (var w = id.x; w < total; w += groups.x * 64u) {
    let row = w / words_per_row;
    let column = w - row * words_per_row;
    let sample = order[start[0] + row];
    let word = images[sample * words_per_row + column];
    let bytes = vec4f(vec4u(word, word >> 8u, word >> 16u, word >> 24u) & vec4u(0xffu));
    let values = bytes * scale - offset;
    let out = row * p.pixels + column * 4u;
    x[out] = values.x;
    x[out + 1u] = values.y;
    x[out + 2u] = values.z;
    x[out + 3u] = values.w;
    if (column == 0u) { y[row] = labels[sample]; }
  }
}
