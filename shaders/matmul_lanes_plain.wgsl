// Lanes of the register matmul (matmul.wgsl) without subgroups: each lane loads all the A tiles of
// its block itself, four (16 rows) at a time.

struct Lane { @builtin(workgroup_id) group: vec3u, @builtin(local_invocation_index) index: u32 }

struct ARows { r0: vec4u, r1: vec4u, r2: vec4u, r3: vec4u }

fn a_rows(row0: u32, lane: u32) -> ARows {
  return ARows(a_tile_rows(row0), a_tile_rows(row0 + 4u), a_tile_rows(row0 + 8u), a_tile_rows(row0 + 12u));
}

fn a_tiles(rows: ARows, k: u32) -> Tiles {
  return Tiles(tile_a(rows.r0, k), tile_a(rows.r1, k), tile_a(rows.r2, k), tile_a(rows.r3, k));
}
