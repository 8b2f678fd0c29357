// A matmul's epilogue (see matmul_common.wgsl): C stored as it is.

struct Params { M: u32, N: u32, K: u32 }

fn put(i: u32, v: f32) { c[i] = v; }

fn finish_transposed_tile(row0: u32, col0: u32, tile: mat4x4f) -> mat4x4f { return tile; }

fn put4(j: u32, v: vec4f) { c4[j] = v; }

// matmul_sums: sums[i] = Σ_k op(A)[i, k] (SUMS = ROWS_OF_A) or sums[j] = Σ_k op(B)[k, j]
// (COLUMNS_OF_B). For a layer's weight gradient, dyᵀ·x or xᵀ·dy, these are the bias gradient
// Σ_rows dy, summed from the tiles of dy the product reads anyway.
@group(0) @binding(4) var<storage, read_write> sums: array<f32>;

// Sums i0…i0+3, those from `count` on left out.
fn store_sums(i0: u32, count: u32, values: vec4f) {
  for (var r = 0u; r < 4u; r++) {
    if (i0 + r < count) { sums[i0 + r] = values[r]; }
  }
}
