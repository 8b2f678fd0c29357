// Tiles of op(A) for the register matmul (matmul.wgsl) read one float at a time, for any shape.
// Steps past K read whatever lies there (WebGPU keeps reads inside the buffer) and zero it.

// Element (i, k) of op(A) is a[i·s.x + k·s.y].
fn a_strides() -> vec2u { return select(vec2u(p.K, 1u), vec2u(1u, p.M), TRANSPOSE_A); }

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
