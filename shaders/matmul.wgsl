// The matmul for SwiftShader and other CPU-like adapters. gpu/ops/matmul.ts assembles it from parts:
//   matmul_lanes_subgroup.wgsl or matmul_lanes_plain.wgsl   how the four lanes get their A tiles
//   matmul_common.wgsl                                      parameters, bindings, store4
//   matmul_load_vec4.wgsl or matmul_load_f32.wgsl           how a 4×4 tile is read from A or B
//   this file                                               the block and the entry points
//
// SwiftShader runs four invocations as the four lanes of one SIMD instruction, so a vec4 costs four
// registers and its swizzles and transposes cost nothing, while every load from storage is a
// per-lane gather that costs about as much as thirty multiply-adds (shared/reference/
// swiftshader.md). Speed is therefore the ratio of multiply-adds to loads. Each invocation keeps a
// block of C as 4×4 tiles (mat4x4f, so that one `+=` of a matrix product is 64 multiply-adds),
// TILES.x tiles down and TILES.y across (TILES is set by gpu/ops/matmul.ts), and reads A and B
// straight from storage, with no workgroup memory and no barriers; a step takes four k, and each A
// tile read meets TILES.y B tiles, each B tile TILES.x A tiles. With subgroups, the four lanes of a
// workgroup share their rows: of each four row tiles, each lane loads one A tile and broadcasts it
// to the others, which cuts A's loads by four (~1.5× here). In Chromium, 32×16 blocks ran the
// training step's big products at ~8.2 and ~7.1–7.5 GFLOP/s against ~5.8–6.3 and ~5.4–5.7 for 16×8,
// and compiled in ~1.3 s against ~0.4 s (32×32 and 64×16: ≤ 6 % faster again, ~2.8 s); gpu/ops/
// matmul.ts picks the block per product. The block is written out (gpu/ops/matmul.ts repeats each
// line that mentions $g, $t, $r or $q) because SwiftShader keeps arrays in memory rather than
// registers, even with constant indices; only the store, once per invocation, loops over one.
//
// A tile of op(A) is the matrix whose column r is row i0+r of op(A) at k…k+3 (so ONES·tile sums
// those rows over the four k); a tile of op(B) the matrix whose column q is row k+q of op(B) at
// columns j0…j0+3 (so tile·ONES sums those columns). Then the tile of C whose column r is row i0+r
// at columns j0…j0+3 gains tile_b·tile_a. Rows and columns past M and N are clamped on load and
// skipped on store, so any M, N works; K is handled by the loader.

struct Tiles { t0: mat4x4f, t1: mat4x4f, t2: mat4x4f, t3: mat4x4f }

// Tile (r, q) is c<r><q>: rows 4r…4r+3 and columns 4q…4q+3 of the block.
struct Block {
  c$r$q: mat4x4f,
}

// r<r>: the sums over k of the block's rows 4r…4r+3 of op(A); c<q>: of its columns 4q…4q+3 of op(B).
struct Sums {
  r$r: vec4f,
  c$q: vec4f,
}

const ONES = vec4f(1.0);

// A workgroup is one lane group: the block's rows of C and four blocks side by side.
fn origin(lane: Lane) -> vec2u {
  return vec2u(lane.group.y, lane.group.x * 4u + lane.index) * 4u * TILES;
}

// With SUMS, the workgroups of the first block column (each lane holds all the block's A tiles)
// also add up op(A)'s rows, or those of the first block row op(B)'s columns: a vec4·mat4 per tile,
// 1/16 of its multiply-adds.
fn block(at: vec2u, lane: Lane, sums: ptr<function, Sums>) -> Block {
  let rows$g = a_rows(at.x + 16u * $g, lane.index);
  let cols$q = b_cols(at.y + 4u * $q);
  let summing_rows = SUMS == ROWS_OF_A && lane.group.x == 0u;
  let summing_columns = SUMS == COLUMNS_OF_B && lane.group.y == 0u;
  var acc: Block;
  for (var k = 0u; k < p.K; k += 4u) {
    let a$g = a_tiles(rows$g, k);
    let b$q = tile_b(cols$q, k);
    acc.c$r$q += b$q * a$g.t$t;
    if (summing_rows) {
      (*sums).r$r += ONES * a$g.t$t;
    }
    if (summing_columns) {
      (*sums).c$q += b$q * ONES;
    }
  }
  return acc;
}

alias Adds = array<vec4f, TILES.y>;

// A loop over the tiles, so that the bounds checks of store_tile are compiled once: written out,
// they took ~90 % of the compile time of a 32×16 block (2.5 s against 0.3 s in Dawn for Node).
fn store(at: vec2u, acc: Block, add: Adds) {
  var tiles: array<mat4x4f, TILES.x * TILES.y>;
  tiles[$r * TILES.y + $q] = acc.c$r$q;
  for (var r = 0u; r < TILES.x; r++) {
    for (var q = 0u; q < TILES.y; q++) {
      store_tile(at.x + 4u * r, at.y + 4u * q, tiles[r * TILES.y + q], add[q]);
    }
  }
}

fn biases(col0: u32) -> Adds {
  var adds: Adds;
  for (var q = 0u; q < TILES.y; q++) { adds[q] = bias4(col0 + 4u * q); }
  return adds;
}

// Lanes past the edge of C still run the loop (clamped), since their loads may be shared.
@compute @workgroup_size(4)
fn matmul(lane: Lane) {
  let at = origin(lane);
  var sums: Sums;
  store(at, block(at, lane, &sums), Adds());
}

// C = op(A)·op(B) + bias, the bias broadcast over rows: the forward of a linear layer.
@compute @workgroup_size(4)
fn matmul_bias(lane: Lane) {
  let at = origin(lane);
  var sums: Sums;
  store(at, block(at, lane, &sums), biases(at.y));
}

// C = op(A)·op(B) and the sums SUMS names: op(A)'s rows stored by lane 0 of the first block
// column, op(B)'s columns by every lane of the first block row.
@compute @workgroup_size(4)
fn matmul_sums(lane: Lane) {
  let at = origin(lane);
  var sums: Sums;
  store(at, block(at, lane, &sums), Adds());
  if (SUMS == ROWS_OF_A && lane.group.x == 0u && lane.index == 0u) {
    store_sums(at.x + 4u * $r, p.M, sums.r$r);
  }
  if (SUMS == COLUMNS_OF_B && lane.group.y == 0u) {
    store_sums(at.y + 4u * $q, p.N, sums.c$q);
  }
}
