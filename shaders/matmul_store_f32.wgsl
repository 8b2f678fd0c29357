// How a matmul (see matmul_common.wgsl) writes four consecutive values of a row of C and reads the
// bias of four columns, one value at a time: for any N, skipping the columns past it.

fn store4(row: u32, col: u32, v: vec4f) {
  if (row >= p.M || col >= p.N) { return; }
  let base = row * p.N + col;
  let cols = p.N - col;
  put(base, v.x);
  if (cols > 1u) { put(base + 1u, v.y); }
  if (cols > 2u) { put(base + 2u, v.z); }
  if (cols > 3u) { put(base + 3u, v.w); }
}

// The bias of columns col0…col0+3.
fn bias4(col0: u32) -> vec4f {
  let j = clamped4(col0, p.N - 1u);
  return vec4f(aux[j.x], aux[j.y], aux[j.z], aux[j.w]);
}
