// One linear layer's squared Frobenius norms, in partial sums: ‖∂L/∂W‖², ‖W‖² and ‖W − W_before‖²,
// W_before being the copy of the weights taken before the optimiser's update. Each of GROUPS
// workgroups sums a grid-strided share of the n weights and writes its three partial sums to
// out[out_offset + 3·group …]; the host adds the GROUPS partials of every layer from one read.

struct Params { n: u32, prev_offset: u32, out_offset: u32 }

const WORKGROUP = 64u;
override GROUPS: u32 = 32u;

@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<storage, read> grad: array<f32>;
@group(0) @binding(2) var<storage, read> weight: array<f32>;
@group(0) @binding(3) var<storage, read> prev: array<f32>;
@group(0) @binding(4) var<storage, read_write> out: array<f32>;

var<workgroup> sums: array<vec3f, WORKGROUP>;

@compute @workgroup_size(WORKGROUP)
fn layer_norms(@builtin(local_invocation_index) lane: u32, @builtin(workgroup_id) group: vec3u) {
  var s = vec3f(0.0);
  for (var i = group.x * WORKGROUP + lane; i < p.n; i += GROUPS * WORKGROUP) {
    let g = grad[i];
    let w = weight[i];
    let d = w - prev[p.prev_offset + i];
    s += vec3f(g * g, w * w, d * d);
  }
  sums[lane] = s;
  workgroupBarrier();
  for (var stride = WORKGROUP / 2u; stride > 0u; stride /= 2u) {
    if (lane < stride) { sums[lane] += sums[lane + stride]; }
    workgroupBarrier();
  }
  if (lane == 0u) {
    let base = p.out_offset + 3u * group.x;
    out[base] = sums[0].x;
    out[base + 1u] = sums[0].y;
    out[base + 2u] = sums[0].z;
  }
}
