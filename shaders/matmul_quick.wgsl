// The register matmul's stand-in (preceded by matmul_common.wgsl): a 4×4 tile of C per invocation,
// one k at a time, written as loops. The first training step waits for every stand-in it runs
// (SwiftShader compiles one pipeline at a time), so this one is kept small: one copy of the loads
// and of the store. In Dawn for Node it compiles in ~50–150 ms against ~230–440 ms for 4×4 tiles
// read with the register kernel's loaders, and runs as fast as they did; the register kernels
// themselves take ~0.4–1.3 s in Chromium and run several times faster, so the engine uses this one
// only until the register kernel is ready (gpu/webgpu/webgpu-backend.ts).

fn a_at(i: u32, k: u32) -> f32 { return a[select(i * p.K + k, k * p.M + i, TRANSPOSE_A)]; }
fn b_at(k: u32, j: u32) -> f32 { return b[select(k * p.N + j, j * p.K + k, TRANSPOSE_B)]; }

// Column r of the tile is row i0+r at columns j0…j0+3. With SUMS, the invocations of the first
// columns also add up rows i0…i0+3 of op(A) into `sums`, or those of the first rows columns
// j0…j0+3 of op(B).
fn product(i0: u32, j0: u32, sums: ptr<function, vec4f>) -> mat4x4f {
  let rows = clamped4(i0, p.M - 1u);
  let cols = clamped4(j0, p.N - 1u);
  let summing_rows = SUMS == ROWS_OF_A && j0 == 0u;
  let summing_columns = SUMS == COLUMNS_OF_B && i0 == 0u;
  var c0 = vec4f();
  var c1 = vec4f();
  var c2 = vec4f();
  var c3 = vec4f();
  for (var k = 0u; k < p.K; k++) {
    let bk = vec4f(b_at(k, cols.x), b_at(k, cols.y), b_at(k, cols.z), b_at(k, cols.w));
    let ak = vec4f(a_at(rows.x, k), a_at(rows.y, k), a_at(rows.z, k), a_at(rows.w, k));
    c0 += ak.x * bk;
    c1 += ak.y * bk;
    c2 += ak.z * bk;
    c3 += ak.w * bk;
    if (summing_rows) { *sums += ak; }
    if (summing_columns) { *sums += bk; }
  }
  return mat4x4f(c0, c1, c2, c3);
}

// One copy of the epilogue's put, in loops: each copy of it (an activation or its derivative)
// costs SwiftShader ~40 ms to compile.
fn store(i0: u32, j0: u32, tile: mat4x4f, add: vec4f) {
  for (var r = 0u; r < 4u; r++) {
    let values = tile[r] + add;
    for (var q = 0u; q < 4u; q++) {
      if (i0 + r < p.M && j0 + q < p.N) { put(select((i0 + r) * p.N + j0 + q, (j0 + q) * p.M + i0 + r, TRANSPOSE_C), values[q]); }
    }
  }
}

@compute @workgroup_size(4, 4)
fn matmul(@builtin(global_invocation_id) id: vec3u) {
  let at = id.yx * 4u;
  var sums: vec4f;
  store(at.x, at.y, product(at.x, at.y, &sums), vec4f());
}

@compute @workgroup_size(4, 4)
fn matmul_bias(@builtin(global_invocation_id) id: vec3u) {
  let at = id.yx * 4u;
  var sums: vec4f;
  store(at.x, at.y, product(at.x, at.y, &sums), bias4(at.y));
}

@compute @workgroup_size(4, 4)
fn matmul_sums(@builtin(global_invocation_id) id: vec3u) {
  let at = id.yx * 4u;
  var sums: vec4f;
  store(at.x, at.y, product(at.x, at.y, &sums), vec4f());
  if (SUMS == ROWS_OF_A && at.y == 0u) { store_sums(at.x, p.M, sums); }
  if (SUMS == COLUMNS_OF_B && at.x == 0u) { store_sums(at.y, p.N, sums); }
}
