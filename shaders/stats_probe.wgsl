// One hidden layer's health on the probe set, from its pre-activations z[rows, units], in one pass:
// appended to activation_functions.wgsl, it judges every z by the activation's own f'(z).
// One invocation per unit writes, at out[unit_offset + 3·unit …], the unit's count of z > 0, its
// count of rows where f'(z) < `saturation`, and Σ|f'(z)|. Each workgroup of WORKGROUP units counts
// its z into a histogram of BINS bins of 1/4 over [−6, 6) (lower values in the first bin, higher
// ones, NaN included, in the last) with workgroup atomics, and writes it to
// out[hist_offset + BINS·workgroup …]; the host adds the workgroups' histograms up. Counts are
// written as f32, exact up to 2^24, beyond any workgroup's rows · WORKGROUP.

struct Params {
  rows: u32,
  units: u32,
  hist_offset: u32,
  unit_offset: u32,
  alpha: f32,
  beta: f32,
  threshold: f32,
  saturation: f32,
}

const WORKGROUP = 64u;
const BINS = 48u;

@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<storage, read> z: array<f32>;
@group(0) @binding(2) var<storage, read_write> out: array<f32>;

var<workgroup> histogram: array<atomic<u32>, BINS>;

// floor(4v) is exact in f32 (a product by 4 only shifts the exponent), so the bin of a value is
// the same on every backend, however each rounds elsewhere.
fn bin_of(v: f32) -> u32 {
  if (v >= -6.0 && v < 6.0) { return u32(i32(floor(v * 4.0)) + 24); }
  if (v < -6.0) { return 0u; }
  return BINS - 1u;
}

@compute @workgroup_size(WORKGROUP)
fn unit_health(@builtin(local_invocation_index) lane: u32, @builtin(workgroup_id) group: vec3u) {
  let unit = group.x * WORKGROUP + lane;
  if (unit < p.units) {
    var positives = 0u;
    var saturated = 0u;
    var abs_sum = 0.0;
    for (var row = 0u; row < p.rows; row++) {
      let v = z[row * p.units + unit];
      let d = derivative(v);
      positives += select(0u, 1u, v > 0.0);
      saturated += select(0u, 1u, d < p.saturation);
      abs_sum += abs(d);
      atomicAdd(&histogram[bin_of(v)], 1u);
    }
    let base = p.unit_offset + 3u * unit;
    out[base] = f32(positives);
    out[base + 1u] = f32(saturated);
    out[base + 2u] = abs_sum;
  }
  workgroupBarrier();
  if (lane < BINS) { out[p.hist_offset + BINS * group.x + lane] = f32(atomicLoad(&histogram[lane])); }
}
