// Builds a training batch on the GPU from the GPU-resident dataset: the images stay as bytes
// (four to a u32 word) and are normalised here, (pixel/255 − mean)/std, as the batch is gathered.

struct Params { rows: u32, pixels: u32, mean: f32, inv_std: f32 }

@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<storage, read> images: array<u32>;
@group(0) @binding(2) var<storage, read> labels: array<u32>;
@group(0) @binding(3) var<storage, read> order: array<u32>;
// start[0]: the position in `order` of this batch's first sample, written once per step.
@group(0) @binding(4) var<storage, read> start: array<u32>;
@group(0) @binding(5) var<storage, read_write> x: array<f32>;
@group(0) @binding(6) var<storage, read_write> y: array<u32>;

fn pixel(byte_index: u32) -> f32 {
  let word = images[byte_index / 4u];
  return f32((word >> (8u * (byte_index % 4u))) & 0xffu);
}

@compute @workgroup_size(64)
fn gather(@builtin(global_invocation_id) id: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let total = p.rows * p.pixels;
  for (var i = id.x; i < total; i += groups.x * 64u) {
    let row = i / p.pixels;
    let sample = order[start[0] + row];
    x[i] = (pixel(sample * p.pixels + i % p.pixels) / 255.0 - p.mean) * p.inv_std;
    if (i % p.pixels == 0u) { y[row] = labels[sample]; }
  }
}
