// Optimiser updates over one parameter tensor, in place, in PyTorch's formulation.
// Hyper-parameters that change between steps (learning rate, Adam's bias corrections) sit in the
// storage buffer h, written once per step, so the recorded dispatches never change.

struct Params { n: u32 }

// h: [lr, weight_decay, momentum or beta1, beta2, eps, 1 − beta1^t, 1 − beta2^t]
const LR = 0u;
const WEIGHT_DECAY = 1u;
const MOMENTUM = 2u;
const BETA1 = 2u;
const BETA2 = 3u;
const EPS = 4u;
const BIAS_CORRECTION1 = 5u;
const BIAS_CORRECTION2 = 6u;
const WORKGROUP = 64u;

@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<storage, read> h: array<f32>;
@group(0) @binding(2) var<storage, read> grad: array<f32>;
@group(0) @binding(3) var<storage, read_write> param: array<f32>;
@group(0) @binding(4) var<storage, read_write> state1: array<f32>;
@group(0) @binding(5) var<storage, read_write> state2: array<f32>;

fn decayed_grad(i: u32) -> f32 { return grad[i] + h[WEIGHT_DECAY] * param[i]; }

@compute @workgroup_size(WORKGROUP)
fn sgd(@builtin(global_invocation_id) id: vec3u, @builtin(num_workgroups) groups: vec3u) {
  for (var i = id.x; i < p.n; i += groups.x * WORKGROUP) { param[i] -= h[LR] * decayed_grad(i); }
}

// buf = momentum·buf + g (buf starts at zero, so the first step sets buf = g as PyTorch does).
@compute @workgroup_size(WORKGROUP)
fn momentum(@builtin(global_invocation_id) id: vec3u, @builtin(num_workgroups) groups: vec3u) {
  for (var i = id.x; i < p.n; i += groups.x * WORKGROUP) {
    let buf = h[MOMENTUM] * state1[i] + decayed_grad(i);
    state1[i] = buf;
    param[i] -= h[LR] * buf;
  }
}

// p −= lr/bc1 · m / (sqrt(v)/sqrt(bc2) + eps), exactly as torch.optim.Adam orders it.
@compute @workgroup_size(WORKGROUP)
fn adam(@builtin(global_invocation_id) id: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let step_size = h[LR] / h[BIAS_CORRECTION1];
  let sqrt_bc2 = sqrt(h[BIAS_CORRECTION2]);
  for (var i = id.x; i < p.n; i += groups.x * WORKGROUP) {
    let g = decayed_grad(i);
    let m = h[BETA1] * state1[i] + (1.0 - h[BETA1]) * g;
    let v = h[BETA2] * state2[i] + (1.0 - h[BETA2]) * g * g;
    state1[i] = m;
    state2[i] = v;
    param[i] -= step_size * m / (sqrt(v) / sqrt_bc2 + h[EPS]);
  }
}
