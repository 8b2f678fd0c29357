// A matmul's epilogue (see matmul_common.wgsl): C stored as it is.

struct Params { M: u32, N: u32, K: u32 }

fn put(i: u32, v: f32) { c[i] = v; }

fn put4(j: u32, v: vec4f) { c4[j] = v; }

// matmul_row_sums: row_sums[i] = Σ_k op(A)[i, k]. For a layer's weight gradient dyᵀ·x these are
// the bias gradient Σ_rows dy, summed from the tiles of dy the product reads anyway.
@group(0) @binding(4) var<storage, read_write> row_sums: array<f32>;

// Sums of rows row0…row0+3 of op(A), those past M left out.
fn store_row_sums(row0: u32, sums: vec4f) {
  for (var r = 0u; r < 4u; r++) {
    if (row0 + r < p.M) { row_sums[row0 + r] = sums[r]; }
  }
}
