// Tiles of op(A) for the register matmul (matmul.wgsl) read four floats at a time: along k when A
// is stored [M, K] (then K is a multiple of 4), along M when it is stored [K, M] (then M is; a
// tile's rows are then rows k…k+3 of A, and those past K are zeroed). gpu/ops/matmul-kernels.ts
// checks. a4 views the binding of a as vec4.

@group(0) @binding(1) var<storage, read> a4: array<vec4f>;

// Where the four vec4 of a tile of op(A) start at k = 0: rows i0…i0+3 of A, or, when A is stored
// [K, M], its columns i0…i0+3 in rows 0…3.
fn a_tile_rows(i0: u32) -> vec4u {
  if (TRANSPOSE_A) {
    let q = min(i0, p.M - 4u) / 4u;
    let s = p.M / 4u;
    return vec4u(q, q + s, q + 2u * s, q + 3u * s);
  }
  return clamped4(i0, p.M - 1u) * (p.K / 4u);
}

fn tile_a(o: vec4u, k: u32) -> mat4x4f {
  let t = select(k / 4u, k * (p.M / 4u), TRANSPOSE_A);
  let m = mat4x4f(a4[o.x + t], a4[o.y + t], a4[o.z + t], a4[o.w + t]);
  if (TRANSPOSE_A) { return transpose(zero_steps_past_k(m, k)); }
  return m;
}
