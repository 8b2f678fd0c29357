// Tiles of the register matmul (matmul.wgsl) read one float at a time, for any shape. Steps past K
// read whatever lies there (WebGPU keeps reads inside the buffer) and zero it, in both operands.

// Element (i, k) of op(A) is a[i·s.x + k·s.y]; element (k, j) of op(B) is b[k·s.x + j·s.y].
fn a_strides() -> vec2u { return select(vec2u(p.K, 1u), vec2u(1u, p.M), TRANSPOSE_A); }
fn b_strides() -> vec2u { return select(vec2u(p.N, 1u), vec2u(1u, p.K), TRANSPOSE_B); }

fn k_valid(k: u32) -> vec4<bool> { return k + vec4u(0u, 1u, 2u, 3u) < vec4u(p.K); }

// Where rows i0…i0+3 of op(A) start.
fn a_tile_rows(i0: u32) -> vec4u {
  return clamped4(i0, p.M - 1u) * a_strides().x;
}

fn tile_a(o: vec4u, k: u32) -> mat4x4f {
  let ks = (k + vec4u(0u, 1u, 2u, 3u)) * a_strides().y;
  let valid = k_valid(k);
  let zero = vec4f();
  return mat4x4f(
    select(zero, vec4f(a[o.x + ks.x], a[o.x + ks.y], a[o.x + ks.z], a[o.x + ks.w]), valid),
    select(zero, vec4f(a[o.y + ks.x], a[o.y + ks.y], a[o.y + ks.z], a[o.y + ks.w]), valid),
    select(zero, vec4f(a[o.z + ks.x], a[o.z + ks.y], a[o.z + ks.z], a[o.z + ks.w]), valid),
    select(zero, vec4f(a[o.w + ks.x], a[o.w + ks.y], a[o.w + ks.z], a[o.w + ks.w]), valid),
  );
}

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
