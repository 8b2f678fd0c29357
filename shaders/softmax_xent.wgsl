// Fused softmax + cross-entropy over logits[rows, cols] with integer targets, one invocation per row.
// In the same pass it writes each row's loss, lse − logit[target], and the gradient of the mean loss,
// (softmax − onehot) / rows, so backward only has to scale it by the upstream gradient.

struct Params { rows: u32, cols: u32 }

@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<storage, read> logits: array<f32>;
@group(0) @binding(2) var<storage, read> targets: array<u32>;
@group(0) @binding(3) var<storage, read_write> row_loss: array<f32>;
@group(0) @binding(4) var<storage, read_write> grad: array<f32>;

@compute @workgroup_size(64)
fn forward(@builtin(global_invocation_id) id: vec3u) {
  let row = id.x;
  if (row >= p.rows) { return; }
  let base = row * p.cols;
  var m = logits[base];
  for (var c = 1u; c < p.cols; c++) { m = max(m, logits[base + c]); }
  var s = 0.0;
  for (var c = 0u; c < p.cols; c++) { s += exp(logits[base + c] - m); }
  let log_s = log(s);
  let t = targets[row];
  row_loss[row] = m + log_s - logits[base + t];
  let inv_rows = 1.0 / f32(p.rows);
  for (var c = 0u; c < p.cols; c++) {
    let prob = exp(logits[base + c] - m - log_s);
    grad[base + c] = (prob - select(0.0, 1.0, c == t)) * inv_rows;
  }
}
