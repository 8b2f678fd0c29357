// A matmul's epilogue (see matmul_common.wgsl), appended to activation_functions.wgsl: the input
// gradient of a layer whose input was f(z), dz = (dy·W) ⊙ f'(z), with z bound as `aux`. Applying
// f' as the product is stored saves the dispatch of an elementwise kernel. z is [M, N] even when C
// is stored transposed (dzᵀ, for a weight gradient that reads it along k; see gpu/ops/matmul.ts).

struct Params { M: u32, N: u32, K: u32, alpha: f32, beta: f32, threshold: f32 }

fn derivative4(z: vec4f) -> vec4f {
  return vec4f(derivative(z.x), derivative(z.y), derivative(z.z), derivative(z.w));
}

// One value at a time (matmul_store_f32.wgsl, as the tiled kernel stores): z where C holds i.
fn put(i: u32, v: f32) {
  if (TRANSPOSE_C) {
    c[i] = v * derivative(aux[(i % p.M) * p.N + i / p.M]);
    return;
  }
  c[i] = v * derivative(aux[i]);
}

// Stored transposed four floats at a time (matmul_store_vec4.wgsl), a tile of C has f' applied
// before it is transposed, while its rows are z's: four loads instead of sixteen. One value at a
// time, put applies it.
fn finish_transposed_tile(row0: u32, col0: u32, tile: mat4x4f) -> mat4x4f {
  if (!STORES_FOUR) { return tile; }
  return mat4x4f(tile[0] * derivative4(z_run(row0, col0)), tile[1] * derivative4(z_run(row0 + 1u, col0)),
                 tile[2] * derivative4(z_run(row0 + 2u, col0)), tile[3] * derivative4(z_run(row0 + 3u, col0)));
}

// z at row `row`, columns col0…col0+3; past the edge of C the last row or column (never stored).
fn z_run(row: u32, col0: u32) -> vec4f {
  let start = min(row, p.M - 1u) * p.N;
  return aux_run(start + min(col0, p.N - 1u), start + p.N - 1u);
}

fn put4(j: u32, v: vec4f) {
  if (TRANSPOSE_C) {
    c4[j] = v;
    return;
  }
  c4[j] = v * derivative4(aux4[j]);
}

// No sums with this epilogue (binding 4 is its z): its matmul_sums entry point is never used.
fn store_sums(i0: u32, count: u32, values: vec4f) {}
