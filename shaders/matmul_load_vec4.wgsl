// Tiles of the register matmul (matmul.wgsl) read four floats at a time, for shapes where every
// such run starts on a multiple of four: K, M if A is transposed and N unless B is, all multiples
// of 4 (gpu/ops/matmul.ts checks). a4 and b4 view the bindings of a and b as vec4.

@group(0) @binding(1) var<storage, read> a4: array<vec4f>;
@group(0) @binding(2) var<storage, read> b4: array<vec4f>;

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
  if (TRANSPOSE_A) { return transpose(m); }
  return m;
}

// The same for op(B): rows 0…3 of B at columns j0…j0+3, or, when B is stored [N, K], its rows
// j0…j0+3.
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
  return m;
}
