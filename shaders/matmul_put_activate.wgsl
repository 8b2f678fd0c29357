// A matmul's epilogue (see matmul_common.wgsl), appended to activation_functions.wgsl: a hidden
// layer's forward in one pass. C gets z = x·Wᵀ + b, which backward needs for f'(z), and `activated`
// f(z), which the next layer reads; a kernel of its own for f would cost a dispatch.

struct Params { M: u32, N: u32, K: u32, alpha: f32, beta: f32, threshold: f32 }

@group(0) @binding(5) var<storage, read_write> activated: array<f32>;
@group(0) @binding(5) var<storage, read_write> activated4: array<vec4f>;

fn put(i: u32, v: f32) {
  c[i] = v;
  activated[i] = activate(v);
}

fn finish_transposed_tile(row0: u32, col0: u32, tile: mat4x4f) -> mat4x4f { return tile; }

fn put4(j: u32, v: vec4f) {
  c4[j] = v;
  activated4[j] = vec4f(activate(v.x), activate(v.y), activate(v.z), activate(v.w));
}

// No sums with this epilogue (only plain products sum): its matmul_sums entry point is never used.
fn store_sums(i0: u32, count: u32, values: vec4f) {}
