// The confusion counts of one evaluation batch: a row's predicted class is its argmax (the first,
// on a tie, exactly as classes.wgsl counts hits, so the diagonal's sum is the correct count).
// out holds classes × classes counts (row = true class) and then every evaluated row's prediction,
// this batch's at first + row. One invocation per row.

struct Params { rows: u32, classes: u32, first: u32 }

@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<storage, read> labels: array<u32>;
@group(0) @binding(2) var<storage, read_write> out: array<atomic<u32>>;
@group(0) @binding(3) var<storage, read> scores: array<f32>;

@compute @workgroup_size(64)
fn confusion(@builtin(global_invocation_id) id: vec3u) {
  let row = id.x;
  if (row >= p.rows) { return; }
  let base = row * p.classes;
  var best = 0u;
  for (var c = 1u; c < p.classes; c++) {
    if (scores[base + c] > scores[base + best]) { best = c; }
  }
  atomicStore(&out[p.classes * p.classes + p.first + row], best);
  atomicAdd(&out[labels[row] * p.classes + best], 1u);
}
