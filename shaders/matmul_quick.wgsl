// The register matmul's stand-in (preceded by matmul_common.wgsl and matmul_load_f32.wgsl): one 4×4
// tile of C per invocation, read with the same loaders. SwiftShader compiles it in a fraction of the
// time the register kernels take (~0.1 s against ~0.4–1.3 s in Chromium), and the first training
// step would otherwise wait for four of those; it runs at about a third of the speed, so the
// engine uses it only until the register kernel is ready (gpu/webgpu/webgpu-backend.ts).

@compute @workgroup_size(4, 4)
fn matmul(@builtin(global_invocation_id) id: vec3u) {
  let at = id.yx * 4u;
  store_tile(at.x, at.y, product(at), vec4f());
}

@compute @workgroup_size(4, 4)
fn matmul_bias(@builtin(global_invocation_id) id: vec3u) {
  let at = id.yx * 4u;
  store_tile(at.x, at.y, product(at), bias4(at.y));
}

fn product(at: vec2u) -> mat4x4f {
  let rows = a_tile_rows(at.x);
  let cols = b_cols(at.y);
  var acc = mat4x4f();
  for (var k = 0u; k < p.K; k += 4u) { acc += tile_b(cols, k) * tile_a(rows, k); }
  return acc;
}
