// Lanes of the register matmul (matmul.wgsl) on an adapter whose subgroups are exactly four wide,
// the workgroup's size: of each 16 rows of the block, lane ℓ loads the A tile of rows 4ℓ…4ℓ+3 and
// broadcasts it, so each A value is read once for the four lanes instead of once by each.
enable subgroups;

struct Lane { @builtin(workgroup_id) group: vec3u, @builtin(subgroup_invocation_id) index: u32 }

alias ARows = vec4u;

fn a_rows(row0: u32, lane: u32) -> ARows {
  return a_tile_rows(row0 + 4u * lane);
}

fn a_tiles(rows: ARows, k: u32) -> Tiles {
  let m = tile_a(rows, k);
  return Tiles(
    mat4x4f(subgroupBroadcast(m[0], 0u), subgroupBroadcast(m[1], 0u), subgroupBroadcast(m[2], 0u), subgroupBroadcast(m[3], 0u)),
    mat4x4f(subgroupBroadcast(m[0], 1u), subgroupBroadcast(m[1], 1u), subgroupBroadcast(m[2], 1u), subgroupBroadcast(m[3], 1u)),
    mat4x4f(subgroupBroadcast(m[0], 2u), subgroupBroadcast(m[1], 2u), subgroupBroadcast(m[2], 2u), subgroupBroadcast(m[3], 2u)),
    mat4x4f(subgroupBroadcast(m[0], 3u), subgroupBroadcast(m[1], 3u), subgroupBroadcast(m[2], 3u), subgroupBroadcast(m[3], 3u)),
  );
}
