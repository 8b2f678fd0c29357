// Row-wise softmax family over x[rows, cols], one invocation per row. Every entry subtracts the
// row's maximum before exp, so logits of any size are safe.

struct Params { rows: u32, cols: u32 }

@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<storage, read_write> out: array<f32>;
@group(0) @binding(3) var<storage, read> second: array<f32>;

// max and log(sum(exp(x - max))) of one row.
fn row_max_and_log_sum(base: u32) -> vec2f {
  var m = x[base];
  for (var c = 1u; c < p.cols; c++) { m = max(m, x[base + c]); }
  var s = 0.0;
  for (var c = 0u; c < p.cols; c++) { s += exp(x[base + c] - m); }
  return vec2f(m, log(s));
}

@compute @workgroup_size(64)
fn log_softmax_forward(@builtin(global_invocation_id) id: vec3u) {
  let row = id.x;
  if (row >= p.rows) { return; }
  let base = row * p.cols;
  let ml = row_max_and_log_sum(base);
  for (var c = 0u; c < p.cols; c++) { out[base + c] = x[base + c] - ml.x - ml.y; }
}

// Here x is the forward's output y = log_softmax, `second` the upstream gradient g:
// dx = g − softmax · Σg.
@compute @workgroup_size(64)
fn log_softmax_backward(@builtin(global_invocation_id) id: vec3u) {
  let row = id.x;
  if (row >= p.rows) { return; }
  let base = row * p.cols;
  var total = 0.0;
  for (var c = 0u; c < p.cols; c++) { total += second[base + c]; }
  for (var c = 0u; c < p.cols; c++) { out[base + c] = second[base + c] - exp(x[base + c]) * total; }
}

@compute @workgroup_size(64)
fn softmax_forward(@builtin(global_invocation_id) id: vec3u) {
  let row = id.x;
  if (row >= p.rows) { return; }
  let base = row * p.cols;
  let ml = row_max_and_log_sum(base);
  for (var c = 0u; c < p.cols; c++) { out[base + c] = exp(x[base + c] - ml.x - ml.y); }
}

// Here x is the forward's output y = softmax, `second` the upstream gradient g: dx = y · (g − Σ g·y).
@compute @workgroup_size(64)
fn softmax_backward(@builtin(global_invocation_id) id: vec3u) {
  let row = id.x;
  if (row >= p.rows) { return; }
  let base = row * p.cols;
  var dot = 0.0;
  for (var c = 0u; c < p.cols; c++) { dot += second[base + c] * x[base + c]; }
  for (var c = 0u; c < p.cols; c++) { out[base + c] = x[base + c] * (second[base + c] - dot); }
}
