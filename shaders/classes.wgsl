// Kernels over class scores[rows, classes] and integer labels.

struct Params { rows: u32, classes: u32 }

@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<storage, read> labels: array<u32>;
@group(0) @binding(2) var<storage, read_write> out: array<f32>;
@group(0) @binding(3) var<storage, read> scores: array<f32>;
@group(0) @binding(4) var<storage, read> loss: array<f32>;

// The one-hot targets that MSE and BCE compare against.
@compute @workgroup_size(64)
fn one_hot(@builtin(global_invocation_id) id: vec3u) {
  let row = id.x;
  if (row >= p.rows) { return; }
  for (var c = 0u; c < p.classes; c++) { out[row * p.classes + c] = select(0.0, 1.0, c == labels[row]); }
}

var<workgroup> correct: array<u32, 256>;

// 1 if the row's argmax (the first, on a tie) is its label, else 0.
fn hit(row: u32) -> u32 {
  let base = row * p.classes;
  var best = 0u;
  for (var c = 1u; c < p.classes; c++) {
    if (scores[base + c] > scores[base + best]) { best = c; }
  }
  return select(0u, 1u, best == labels[row]);
}

// The rows whose argmax is their label, counted by one workgroup of 256; lane 0's result is the total.
fn count_hits(lane: u32) -> u32 {
  var hits = 0u;
  for (var row = lane; row < p.rows; row += 256u) { hits += hit(row); }
  correct[lane] = hits;
  workgroupBarrier();
  for (var stride = 128u; stride > 0u; stride /= 2u) {
    if (lane < stride) { correct[lane] += correct[lane + stride]; }
    workgroupBarrier();
  }
  return correct[0];
}

// Adds this batch's summed loss (mean loss · rows) and its count of correct argmax predictions to
// out[0] and out[1], so that evaluating many batches reads back two numbers once.
@compute @workgroup_size(256)
fn accumulate_metrics(@builtin(local_invocation_index) lane: u32) {
  let hits = count_hits(lane);
  if (lane == 0u) {
    out[0] += loss[0] * f32(p.rows);
    out[1] += f32(hits);
  }
}

// A training step's figures, read back together: out[0] = the loss as it is (a copy, so the value
// read is the loss's own), out[1] = the batch's correct argmax predictions.
@compute @workgroup_size(256)
fn step_metrics(@builtin(local_invocation_index) lane: u32) {
  let hits = count_hits(lane);
  if (lane == 0u) {
    out[0] = loss[0];
    out[1] = f32(hits);
  }
}

// step_metrics' stand-in while that one compiles (see Kernel.standIns): its barriers cost SwiftShader
// ~0.3 s of compiling on the way to the first training step. The same figures, one invocation.
@compute @workgroup_size(1)
fn step_metrics_alone() {
  var hits = 0u;
  for (var row = 0u; row < p.rows; row++) { hits += hit(row); }
  out[0] = loss[0];
  out[1] = f32(hits);
}
