// A matmul's epilogue (see matmul_common.wgsl): C stored as it is.

struct Params { M: u32, N: u32, K: u32 }

fn put(i: u32, v: f32) { c[i] = v; }

fn put4(j: u32, v: vec4f) { c4[j] = v; }
