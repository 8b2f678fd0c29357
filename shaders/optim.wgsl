// Optimiser updates over one parameter tensor, in place, in PyTorch's formulation.
// Hyper-parameters that change between steps (learning rate, Adam's bias corrections) sit in the
// storage buffer h, written once per step, so the recorded dispatches never change. Each
// invocation reads them once, and then the tensors four floats at a time: n is a multiple of 4
// (the optimiser's flat buffers are, see gpu/optim/optimizers.ts). On SwiftShader a load costs
// about as much whatever its width, so this update takes a fraction of the loads of one float at
// a time, each h value read again for every element.

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
@group(0) @binding(2) var<storage, read> grad: array<vec4f>;
@group(0) @binding(3) var<storage, read_write> param: array<vec4f>;
@group(0) @binding(4) var<storage, read_write> state1: array<vec4f>;
@group(0) @binding(5) var<storage, read_write> state2: array<vec4f>;

@compute @workgroup_size(WORKGROUP)
fn sgd(@builtin(global_invocation_id) id: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let lr = h[LR];
  let decay = h[WEIGHT_DECAY];
  for (var i = id.x; i < p.n / 4u; i += groups.x * WORKGROUP) {
    let w = param[i];
    param[i] = w - lr * (grad[i] + decay * w);
  }
}

// buf = momentum·buf + g (buf starts at zero, so the first step sets buf = g as PyTorch does).
@compute @workgroup_size(WORKGROUP)
fn momentum(@builtin(global_invocation_id) id: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let lr = h[LR];
  let decay = h[WEIGHT_DECAY];
  let momentum = h[MOMENTUM];
  for (var i = id.x; i < p.n / 4u; i += groups.x * WORKGROUP) {
    let w = param[i];
    let buf = momentum * state1[i] + (grad[i] + decay * w);
    state1[i] = buf;
    param[i] = w - lr * buf;
  }
}

// p −= lr/bc1 · m / (sqrt(v)/sqrt(bc2) + eps), exactly as torch.optim.Adam orders it.
@compute @workgroup_size(WORKGROUP)
fn adam(@builtin(global_invocation_id) id: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let step_size = h[LR] / h[BIAS_CORRECTION1];
  let sqrt_bc2 = sqrt(h[BIAS_CORRECTION2]);
  let decay = h[WEIGHT_DECAY];
  let beta1 = h[BETA1];
  let beta2 = h[BETA2];
  let eps = h[EPS];
  for (var i = id.x; i < p.n / 4u; i += groups.x * WORKGROUP) {
    let w = param[i];
    let g = grad[i] + decay * w;
    let m = beta1 * state1[i] + (1.0 - beta1) * g;
    let v = beta2 * state2[i] + (1.0 - beta2) * g * g;
    state1[i] = m;
    state2[i] = v;
    param[i] = w - step_size * m / (sqrt(v) / sqrt_bc2 + eps);
  }
}
