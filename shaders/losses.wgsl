// Elementwise parts of the mean losses over n elements; reduce.wgsl sums what forward writes.
// Backward entries read the upstream gradient of the scalar loss from g[0] and write the gradients
// of both the input and the target, as PyTorch does.

struct Params { n: u32 }

const WORKGROUP = 64u;

@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<storage, read> input: array<f32>;
@group(0) @binding(2) var<storage, read> targets: array<f32>;
@group(0) @binding(3) var<storage, read_write> out: array<f32>;
@group(0) @binding(4) var<storage, read> g: array<f32>;
@group(0) @binding(5) var<storage, read_write> out_target: array<f32>;

@compute @workgroup_size(WORKGROUP)
fn mse_forward(@builtin(global_invocation_id) id: vec3u, @builtin(num_workgroups) groups: vec3u) {
  for (var i = id.x; i < p.n; i += groups.x * WORKGROUP) {
    let d = input[i] - targets[i];
    out[i] = d * d;
  }
}

@compute @workgroup_size(WORKGROUP)
fn mse_backward(@builtin(global_invocation_id) id: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let scale = 2.0 * g[0] / f32(p.n);
  for (var i = id.x; i < p.n; i += groups.x * WORKGROUP) {
    let d = (input[i] - targets[i]) * scale;
    out[i] = d;
    out_target[i] = -d;
  }
}

// max(x, 0) − x·t + log(1 + exp(−|x|)): exact for logits of any size.
@compute @workgroup_size(WORKGROUP)
fn bce_forward(@builtin(global_invocation_id) id: vec3u, @builtin(num_workgroups) groups: vec3u) {
  for (var i = id.x; i < p.n; i += groups.x * WORKGROUP) {
    let v = input[i];
    let e = exp(-abs(v));
    let w = 1.0 + e;
    let log1p_e = select(log(w) * e / (w - 1.0), e, w == 1.0);
    out[i] = max(v, 0.0) - v * targets[i] + log1p_e;
  }
}

// d/dx = (sigmoid(x) − t)/n and d/dt = −x/n.
@compute @workgroup_size(WORKGROUP)
fn bce_backward(@builtin(global_invocation_id) id: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let scale = g[0] / f32(p.n);
  for (var i = id.x; i < p.n; i += groups.x * WORKGROUP) {
    let v = input[i];
    let e = exp(-abs(v));
    let s = select(e / (1.0 + e), 1.0 / (1.0 + e), v >= 0.0);
    out[i] = (s - targets[i]) * scale;
    out_target[i] = -v * scale;
  }
}
