// Next to no arithmetic: what `npm run bench:submit` dispatches to time a queue submission, not a kernel.
@group(0) @binding(0) var<storage, read_write> x: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) g: vec3u) {
  x[g.x] = x[g.x] * 0.5 + 1.0;
}
