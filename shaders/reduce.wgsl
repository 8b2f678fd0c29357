// Reductions and the small elementwise helpers that autograd needs.

struct Params { n: u32, cols: u32, scale: f32 }

@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<storage, read_write> out: array<f32>;
@group(0) @binding(3) var<storage, read> y: array<f32>;

// out[0] = scale · Σ x over n elements. The sums here are small (a batch's losses, at most a batch
// of class scores), so one invocation adds them up: a workgroup tree reduction took SwiftShader
// ~200 ms longer to compile, for its barriers, and that is a fifth of the first step's budget.
@compute @workgroup_size(1)
fn sum_all() {
  var s = 0.0;
  for (var i = 0u; i < p.n; i++) { s += x[i]; }
  out[0] = s * p.scale;
}

// out[c] = Σ over rows of x[row, c], x holding n elements in rows of `cols`: the bias gradient.
@compute @workgroup_size(64)
fn sum_columns(@builtin(global_invocation_id) id: vec3u) {
  let c = id.x;
  if (c >= p.cols) { return; }
  var s = 0.0;
  for (var i = c; i < p.n; i += p.cols) { s += x[i]; }
  out[c] = s;
}

// out = x + y: two gradients reaching the same tensor.
@compute @workgroup_size(64)
fn add(@builtin(global_invocation_id) id: vec3u, @builtin(num_workgroups) groups: vec3u) {
  for (var i = id.x; i < p.n; i += groups.x * 64u) { out[i] = x[i] + y[i]; }
}

// out = x · y[0]: a stored gradient scaled by the upstream gradient of a scalar.
@compute @workgroup_size(64)
fn scale_by(@builtin(global_invocation_id) id: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let s = y[0];
  for (var i = id.x; i < p.n; i += groups.x * 64u) { out[i] = x[i] * s; }
}
