// Tiles of op(B) for the register matmul (matmul.wgsl) read one float at a time, for any shape.
// Steps past K read whatever lies there (WebGPU keeps reads inside the buffer) and zero it.

// Element (k, j) of op(B) is b[k·s.x + j·s.y].
fn b_strides() -> vec2u { return select(vec2u(p.N, 1u), vec2u(1u, p.K), TRANSPOSE_B); }

// Where columns j0…j0+3 of op(B) start.
fn b_cols(j0: u32) -> vec4u {
  return clamped4(j0, p.N - 1u) * b_strides().y;
}

fn tile_b(o: vec4u, k: u32) -> mat4x4f {
  let ks = (k + vec4u(0u, 1u, 2u, 3u)) * b_strides().x;
  let valid = k_valid(k);
  let zero = vec4f();
  return mat4x4f(
    select(zero, vec4f(b[ks.x + o.x], b[ks.x + o.y], b[ks.x + o.z], b[ks.x + o.w]), valid.x),
    select(zero, vec4f(b[ks.y + o.x], b[ks.y + o.y], b[ks.y + o.z], b[ks.y + o.w]), valid.y),
    select(zero, vec4f(b[ks.z + o.x], b[ks.z + o.y], b[ks.z + o.z], b[ks.z + o.w]), valid.z),
    select(zero, vec4f(b[ks.w + o.x], b[ks.w + o.y], b[ks.w + o.z], b[ks.w + o.w]), valid.w),
  );
}
