// How a matmul (see matmul_common.wgsl) writes four consecutive values of a row of C and reads the
// bias of four columns, one value at a time: for any N, skipping the columns past it.

// Stores go through put, one value at a time (see finish_transposed_tile).
const STORES_FOUR = false;

fn store4(row: u32, col: u32, v: vec4f) {
  if (row >= p.M || col >= p.N) { return; }
  put_run(row * p.N + col, p.N - col, v);
}

// Rows row…row+3 of column col, for C stored transposed, skipping the rows past M.
fn store4_down(row: u32, col: u32, v: vec4f) {
  if (row >= p.M || col >= p.N) { return; }
  put_run(col * p.M + row, p.M - row, v);
}

// The first `count` (at least 1) of the four values, to consecutive places from `base`.
fn put_run(base: u32, count: u32, v: vec4f) {
  put(base, v.x);
  if (count > 1u) { put(base + 1u, v.y); }
  if (count > 2u) { put(base + 2u, v.z); }
  if (count > 3u) { put(base + 3u, v.w); }
}

// aux[i0…i0+3], those past `last` read from it.
fn aux_run(i0: u32, last: u32) -> vec4f {
  let i = clamped4(i0, last);
  return vec4f(aux[i.x], aux[i.y], aux[i.z], aux[i.w]);
}

