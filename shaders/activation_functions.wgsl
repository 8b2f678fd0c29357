// The activations f and their derivatives f', a pair of functions each (activate_<name>,
// derivative_<name>, named as ACTIVATIONS in gpu/ops/activation.ts). activationWgsl(name) there
// appends the `activate` and `derivative` that call one activation's pair, so a pipeline compiles
// that activation alone: a switch over all of them, selected by an override, was compiled whole
// into every copy of a matmul's store. A leaf that other shaders are appended to (unary.wgsl,
// stats_probe.wgsl, the matmul epilogues): each of those declares the uniform `p` whose alpha,
// beta and threshold the functions read, so that every kernel that needs f or f' runs the very
// same code.

const INV_SQRT2 = 0.7071067811865476;
const INV_SQRT_2PI = 0.3989422804014327;
const SQRT_2_OVER_PI = 0.7978845608028654;
const GELU_CUBIC = 0.044715;

fn sigmoid(v: f32) -> f32 {
  // Two branches so that exp never overflows.
  if (v >= 0.0) { return 1.0 / (1.0 + exp(-v)); }
  let e = exp(v);
  return e / (1.0 + e);
}

// tanh of large arguments overflows exp inside some implementations; tanh(±15) is ±1 in float32.
fn safe_tanh(v: f32) -> f32 { return tanh(clamp(v, -15.0, 15.0)); }

// log(1 + u) without losing the digits of small u.
fn log1p(u: f32) -> f32 {
  let w = 1.0 + u;
  if (w == 1.0) { return u; }
  return log(w) * u / (w - 1.0);
}

// erf by Abramowitz & Stegun 7.1.26 (absolute error below 1.5e-7, under float32's resolution of gelu).
fn erf(v: f32) -> f32 {
  let s = sign(v);
  let a = abs(v);
  let t = 1.0 / (1.0 + 0.3275911 * a);
  let poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  return s * (1.0 - poly * exp(-a * a));
}

// Written with select, not max, so that NaN passes through as in PyTorch rather than becoming 0.
// At 0 the derivatives take PyTorch's subgradient: 0 for relu, the slope for leaky_relu.
fn activate_relu(v: f32) -> f32 { return select(v, 0.0, v < 0.0); }
fn derivative_relu(v: f32) -> f32 { return select(0.0, 1.0, v > 0.0); }

fn activate_leaky_relu(v: f32) -> f32 { return select(p.alpha * v, v, v > 0.0); }
fn derivative_leaky_relu(v: f32) -> f32 { return select(p.alpha, 1.0, v > 0.0); }

fn activate_sigmoid(v: f32) -> f32 { return sigmoid(v); }
fn derivative_sigmoid(v: f32) -> f32 { let s = sigmoid(v); return s * (1.0 - s); }

fn activate_tanh(v: f32) -> f32 { return safe_tanh(v); }
fn derivative_tanh(v: f32) -> f32 { let t = safe_tanh(v); return 1.0 - t * t; }

fn activate_gelu(v: f32) -> f32 { return 0.5 * v * (1.0 + erf(v * INV_SQRT2)); }
fn derivative_gelu(v: f32) -> f32 { return 0.5 * (1.0 + erf(v * INV_SQRT2)) + v * INV_SQRT_2PI * exp(-0.5 * v * v); }

fn activate_gelu_tanh(v: f32) -> f32 { return 0.5 * v * (1.0 + safe_tanh(SQRT_2_OVER_PI * (v + GELU_CUBIC * v * v * v))); }
fn derivative_gelu_tanh(v: f32) -> f32 {
  let t = safe_tanh(SQRT_2_OVER_PI * (v + GELU_CUBIC * v * v * v));
  return 0.5 * (1.0 + t) + 0.5 * v * (1.0 - t * t) * SQRT_2_OVER_PI * (1.0 + 3.0 * GELU_CUBIC * v * v);
}

fn activate_silu(v: f32) -> f32 { return v * sigmoid(v); }
fn derivative_silu(v: f32) -> f32 { let s = sigmoid(v); return s * (1.0 + v * (1.0 - s)); }

fn activate_elu(v: f32) -> f32 { return select(p.alpha * (exp(v) - 1.0), v, v > 0.0); }
fn derivative_elu(v: f32) -> f32 { return select(p.alpha * exp(v), 1.0, v > 0.0); }

fn activate_softplus(v: f32) -> f32 {
  let z = p.beta * v;
  if (z > p.threshold) { return v; }
  return (max(z, 0.0) + log1p(exp(-abs(z)))) / p.beta;
}
fn derivative_softplus(v: f32) -> f32 {
  let z = p.beta * v;
  if (z > p.threshold) { return 1.0; }
  return sigmoid(z);
}
