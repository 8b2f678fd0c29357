// The matmul for GPUs (preceded by matmul_common.wgsl): a workgroup of 16×16 invocations
// computes a 64×64 tile of C, staging 16-deep slices of A and B in workgroup memory so that each
// value read from storage serves 64 multiply-adds; each invocation keeps a 4×4 block in registers.
// (On SwiftShader the barriers make this the slower variant; the backend picks per adapter.)

const TILE = 64u;
const DEPTH = 16u;

// tile_a[k·16 + r] holds rows 4r…4r+3 of the A slice at depth k; tile_b[k·16 + q] columns 4q…4q+3.
var<workgroup> tile_a: array<vec4f, 256>;
var<workgroup> tile_b: array<vec4f, 256>;

fn a_at(i: u32, k: u32) -> f32 {
  if (i >= p.M || k >= p.K) { return 0.0; }
  if (TRANSPOSE_A) { return a[k * p.M + i]; }
  return a[i * p.K + k];
}

fn b_at(k: u32, j: u32) -> f32 {
  if (k >= p.K || j >= p.N) { return 0.0; }
  if (TRANSPOSE_B) { return b[j * p.K + k]; }
  return b[k * p.N + j];
}

struct Block { r0: vec4f, r1: vec4f, r2: vec4f, r3: vec4f }

// With SUMS, the first column of invocations of the first column of workgroups also adds up its
// four rows of op(A) into `sums`, from the staged slices, or the first row of the first row of
// workgroups its four columns of op(B).
fn tile_product(group: vec3u, local: vec3u, lane: u32, sums: ptr<function, vec4f>) -> Block {
  let row_base = group.y * TILE;
  let col_base = group.x * TILE;
  let summing_rows = SUMS == ROWS_OF_A && group.x == 0u && local.x == 0u;
  let summing_columns = SUMS == COLUMNS_OF_B && group.y == 0u && local.y == 0u;
  var acc: Block;
  for (var k0 = 0u; k0 < p.K; k0 += DEPTH) {
    // 1024 values of each slice, four per invocation, read along the contiguous axis.
    for (var e = 0u; e < 4u; e++) {
      let flat = lane * 4u + e;
      let r = flat / DEPTH;
      let ka = flat % DEPTH;
      tile_a[ka * 16u + r / 4u][r % 4u] = a_at(row_base + r, k0 + ka);
      let kb = flat / TILE;
      let q = flat % TILE;
      tile_b[kb * 16u + q / 4u][q % 4u] = b_at(k0 + kb, col_base + q);
    }
    workgroupBarrier();
    for (var k = 0u; k < DEPTH; k++) {
      let av = tile_a[k * 16u + local.y];
      let bv = tile_b[k * 16u + local.x];
      acc.r0 = fma(vec4f(av.x), bv, acc.r0);
      acc.r1 = fma(vec4f(av.y), bv, acc.r1);
      acc.r2 = fma(vec4f(av.z), bv, acc.r2);
      acc.r3 = fma(vec4f(av.w), bv, acc.r3);
      if (summing_rows) { *sums += av; }
      if (summing_columns) { *sums += bv; }
    }
    workgroupBarrier();
  }
  return acc;
}

fn store(group: vec3u, local: vec3u, acc: Block, add: vec4f) {
  let row0 = group.y * TILE + local.y * 4u;
  let col0 = group.x * TILE + local.x * 4u;
  store_tile(row0, col0, mat4x4f(acc.r0, acc.r1, acc.r2, acc.r3), add);
}

@compute @workgroup_size(16, 16)
fn matmul(@builtin(workgroup_id) group: vec3u, @builtin(local_invocation_id) local: vec3u,
          @builtin(local_invocation_index) lane: u32) {
  var sums: vec4f;
  store(group, local, tile_product(group, local, lane, &sums), vec4f(0.0));
}

@compute @workgroup_size(16, 16)
fn matmul_bias(@builtin(workgroup_id) group: vec3u, @builtin(local_invocation_id) local: vec3u,
               @builtin(local_invocation_index) lane: u32) {
  var sums: vec4f;
  let acc = tile_product(group, local, lane, &sums);
  let bv = bias4(group.x * TILE + local.x * 4u);
  store(group, local, acc, bv);
}

@compute @workgroup_size(16, 16)
fn matmul_sums(@builtin(workgroup_id) group: vec3u, @builtin(local_invocation_id) local: vec3u,
               @builtin(local_invocation_index) lane: u32) {
  var sums: vec4f;
  store(group, local, tile_product(group, local, lane, &sums), vec4f(0.0));
  if (SUMS == ROWS_OF_A && group.x == 0u && local.x == 0u) { store_sums(group.y * TILE + local.y * 4u, p.M, sums); }
  if (SUMS == COLUMNS_OF_B && group.y == 0u && local.y == 0u) { store_sums(group.x * TILE + local.x * 4u, p.N, sums); }
}
