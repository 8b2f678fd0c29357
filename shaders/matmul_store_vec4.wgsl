// How a matmul (see matmul_common.wgsl) writes four consecutive values of a row of C, in one store,
// and reads the bias of four columns, in one load: for N a multiple of 4 (M when C is stored
// transposed; gpu/ops/matmul-kernels.ts checks), where the four columns starting at a multiple of
// 4 are all inside C or all outside. On SwiftShader every store is a per-lane scatter whatever its width, so this takes a quarter of the
// stores of matmul_store_f32.wgsl. Only the four-float views of C and aux are used (c4, aux4), as
// the epilogue's put4 uses them: an entry point may not use two views of one binding.

// Stores go through put4, four values at once (see finish_transposed_tile).
const STORES_FOUR = true;

fn store4(row: u32, col: u32, v: vec4f) {
  if (row >= p.M || col >= p.N) { return; }
  put4((row * p.N + col) / 4u, v);
}

// Rows row…row+3 of column col, for C stored transposed (then M is the multiple of 4).
fn store4_down(row: u32, col: u32, v: vec4f) {
  if (row >= p.M || col >= p.N) { return; }
  put4((col * p.M + row) / 4u, v);
}

// aux[i0…i0+3], those past `last` read from it: one load where the four start on a multiple of 4.
fn aux_run(i0: u32, last: u32) -> vec4f {
  if (i0 % 4u == 0u && i0 + 3u <= last) { return aux4[i0 / 4u]; }
  let i = clamped4(i0, last);
  return vec4f(aux4[i.x / 4u][i.x % 4u], aux4[i.y / 4u][i.y % 4u], aux4[i.z / 4u][i.z % 4u], aux4[i.w / 4u][i.w % 4u]);
}

