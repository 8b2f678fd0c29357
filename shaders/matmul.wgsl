// The matmul for SwiftShader and other CPU-like adapters. gpu/ops/matmul.ts assembles it from parts:
//   matmul_lanes_subgroup.wgsl or matmul_lanes_plain.wgsl   how the four lanes get their A tiles
//   matmul_common.wgsl                                      parameters, bindings, store4
//   matmul_load_vec4.wgsl or matmul_load_f32.wgsl           how a 4×4 tile is read from A or B
//   this file                                               the block and the entry points
//
// SwiftShader runs four invocations as the four lanes of one SIMD instruction, so a vec4 costs
// four registers and its swizzles and transposes cost nothing, while every load from storage is
// a per-lane gather that costs about as much as thirty multiply-adds (shared/reference/
// swiftshader.md). Speed is therefore the ratio of multiply-adds to loads. Each invocation keeps a
// 16×8 block of C as eight 4×4 tiles (mat4x4f, so that one `+=` of a matrix product is 64
// multiply-adds) and reads A and B straight from storage, with no workgroup memory and no
// barriers; a step takes four k, and each A tile read meets two B tiles, each B tile four A tiles.
// With subgroups, the four lanes of a workgroup share their rows: each loads one of the four A
// tiles and broadcasts it to the others, which cuts A's loads by four (~1.5× here). Blocks of 32×16
// were ~10–20 % faster again but took ~1 s each to compile in Dawn for Node (8×8: ~0.15 s, this
// one ~0.3 s), and the first training step waits for its compiles. Everything is written out by
// hand because SwiftShader keeps arrays in memory rather than registers, even with constant indices.
//
// A tile of op(A) is the matrix whose column r is row i0+r of op(A) at k…k+3; a tile of op(B) the
// matrix whose column q is row k+q of op(B) at columns j0…j0+3. Then the tile of C whose column r
// is row i0+r at columns j0…j0+3 gains tile_b·tile_a. Rows and columns past M and N are clamped
// on load and skipped on store, so any M, N works; K is handled by the loader.

struct Tiles { t0: mat4x4f, t1: mat4x4f, t2: mat4x4f, t3: mat4x4f }

// Tile (r, q) is c<r><q>: rows 4r…4r+3 and columns 4q…4q+3 of the block.
struct Block {
  c00: mat4x4f, c01: mat4x4f,
  c10: mat4x4f, c11: mat4x4f,
  c20: mat4x4f, c21: mat4x4f,
  c30: mat4x4f, c31: mat4x4f,
}

// A workgroup is one lane group: 16 rows of C and four blocks of 8 columns side by side.
fn origin(lane: Lane) -> vec2u {
  return vec2u(lane.group.y * 16u, (lane.group.x * 4u + lane.index) * 8u);
}

fn block(at: vec2u, lane: Lane) -> Block {
  let rows = a_rows(at.x, lane.index);
  let cols0 = b_cols(at.y);
  let cols1 = b_cols(at.y + 4u);
  var acc: Block;
  for (var k = 0u; k < p.K; k += 4u) {
    let a = a_tiles(rows, k);
    let b0 = tile_b(cols0, k);
    let b1 = tile_b(cols1, k);
    acc.c00 += b0 * a.t0;
    acc.c01 += b1 * a.t0;
    acc.c10 += b0 * a.t1;
    acc.c11 += b1 * a.t1;
    acc.c20 += b0 * a.t2;
    acc.c21 += b1 * a.t2;
    acc.c30 += b0 * a.t3;
    acc.c31 += b1 * a.t3;
  }
  return acc;
}

fn store(at: vec2u, acc: Block, add0: vec4f, add1: vec4f) {
  store_tile(at.x, at.y, acc.c00, add0);
  store_tile(at.x, at.y + 4u, acc.c01, add1);
  store_tile(at.x + 4u, at.y, acc.c10, add0);
  store_tile(at.x + 4u, at.y + 4u, acc.c11, add1);
  store_tile(at.x + 8u, at.y, acc.c20, add0);
  store_tile(at.x + 8u, at.y + 4u, acc.c21, add1);
  store_tile(at.x + 12u, at.y, acc.c30, add0);
  store_tile(at.x + 12u, at.y + 4u, acc.c31, add1);
}

// Lanes past the edge of C still run the loop (clamped), since their loads may be shared.
@compute @workgroup_size(4)
fn matmul(lane: Lane) {
  let at = origin(lane);
  store(at, block(at, lane), vec4f(), vec4f());
}

// C = op(A)·op(B) + bias, the bias broadcast over rows: the forward of a linear layer.
@compute @workgroup_size(4)
fn matmul_bias(lane: Lane) {
  let at = origin(lane);
  store(at, block(at, lane), bias4(at.y), bias4(at.y + 4u));
}
