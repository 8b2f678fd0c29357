// A matmul's epilogue (see matmul_common.wgsl), appended to activation_functions.wgsl: the input
// gradient of a layer whose input was f(z), dz = (dy·W) ⊙ f'(z), with z bound as `aux`. Applying
// f' as the product is stored saves the dispatch of an elementwise kernel.

struct Params { M: u32, N: u32, K: u32, alpha: f32, beta: f32, threshold: f32 }

fn put(i: u32, v: f32) { c[i] = v * derivative(aux[i]); }

fn put4(j: u32, v: vec4f) {
  let z = aux4[j];
  c4[j] = v * vec4f(derivative(z.x), derivative(z.y), derivative(z.z), derivative(z.w));
}

// No sums with this epilogue (binding 4 is its z): its matmul_sums entry point is never used.
fn store_sums(i0: u32, count: u32, values: vec4f) {}
