// out[dst_offset + i] = x[src_offset + i] for i < n: packs pieces of several tensors into one buffer,
// so that statistics come back in one read, and keeps a copy of the weights before an update.

struct Params { n: u32, src_offset: u32, dst_offset: u32 }

const WORKGROUP = 64u;

@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<storage, read_write> out: array<f32>;

@compute @workgroup_size(WORKGROUP)
fn copy_into(@builtin(global_invocation_id) id: vec3u, @builtin(num_workgroups) groups: vec3u) {
  for (var i = id.x; i < p.n; i += groups.x * WORKGROUP) { out[p.dst_offset + i] = x[p.src_offset + i]; }
}
