// Tiles of op(B) for the register matmul (matmul.wgsl) read four floats at a time: along N when B
// is stored [K, N] (then N is a multiple of 4; a tile's rows are rows k…k+3 of B, and those past K
// are zeroed), along k when it is stored [N, K] (then K is). gpu/ops/matmul-kernels.ts checks.
// b4 views the binding of b as vec4.

@group(0) @binding(2) var<storage, read> b4: array<vec4f>;

// Where the four vec4 of a tile of op(B) start at k = 0: rows 0…3 of B at columns j0…j0+3, or,
// when B is stored [N, K], its rows j0…j0+3.
fn b_cols(j0: u32) -> vec4u {
  if (TRANSPOSE_B) {
    return clamped4(j0, p.N - 1u) * (p.K / 4u);
  }
  let q = min(j0, p.N - 4u) / 4u;
  let s = p.N / 4u;
  return vec4u(q, q + s, q + 2u * s, q + 3u * s);
}

fn tile_b(o: vec4u, k: u32) -> mat4x4f {
  let t = select(k * (p.N / 4u), k / 4u, TRANSPOSE_B);
  let m = mat4x4f(b4[o.x + t], b4[o.y + t], b4[o.z + t], b4[o.w + t]);
  if (TRANSPOSE_B) { return transpose(m); }
  return zero_steps_past_k(m, k);
}
