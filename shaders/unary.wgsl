// Activations y = f(x) and their backward dx = dy · f'(x), elementwise. The functions themselves
// are in activation_functions.wgsl, which this file is appended to.
// Elementwise entries loop over the array with a grid stride, so a few fat workgroups cover any size.

struct Params { n: u32, alpha: f32, beta: f32, threshold: f32 }

const WORKGROUP = 64u;

@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<storage, read_write> out: array<f32>;
@group(0) @binding(3) var<storage, read> dy: array<f32>;

@compute @workgroup_size(WORKGROUP)
fn forward(@builtin(global_invocation_id) id: vec3u, @builtin(num_workgroups) groups: vec3u) {
  for (var i = id.x; i < p.n; i += groups.x * WORKGROUP) { out[i] = activate(x[i]); }
}

@compute @workgroup_size(WORKGROUP)
fn backward(@builtin(global_invocation_id) id: vec3u, @builtin(num_workgroups) groups: vec3u) {
  for (var i = id.x; i < p.n; i += groups.x * WORKGROUP) { out[i] = dy[i] * derivative(x[i]); }
}
