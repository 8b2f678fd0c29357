// activationWgsl gives a pipeline one activation's functions and the helpers they call, nothing
// else (SwiftShader compiles every function a module holds); the GPU tests check that they compute.
import { describe, expect, it } from 'vitest';
import { ACTIVATION_NAMES, activationWgsl } from '../gpu/ops/activation';
import { declarationsUsedBy } from '../gpu/ops/wgsl-declarations';

const LIBRARY = `// A constant.
const A = 1.0;
const B = 2.0;

// Uses A.
fn f(v: f32) -> f32 {
  // B is only mentioned here.
  return v * A;
}
fn g(v: f32) -> f32 { return f(v) + B; }
fn h(v: f32) -> f32 { return v; }
`;

describe('declarationsUsedBy', () => {
  it('keeps what the roots call, through each other, in source order, with the comments above each', () => {
    expect(declarationsUsedBy(LIBRARY, ['f'])).toBe('// A constant.\nconst A = 1.0;\n// Uses A.\nfn f(v: f32) -> f32 {\n  // B is only mentioned here.\n  return v * A;\n}');
    expect(declarationsUsedBy(LIBRARY, ['g']).match(/^(?:fn|const) \w+/gm)).toEqual(['const A', 'const B', 'fn f', 'fn g']);
  });

  it('names a root the library lacks', () => {
    expect(() => declarationsUsedBy(LIBRARY, ['k'])).toThrow('the WGSL library declares no "k"');
  });
});

describe('activationWgsl', () => {
  it("holds one activation's f and f' and only the helpers they use", () => {
    const relu = activationWgsl('relu');
    expect(relu).toContain('fn activate(v: f32) -> f32 { return activate_relu(v); }');
    expect(relu).toContain('fn derivative(v: f32) -> f32 { return derivative_relu(v); }');
    expect(relu).not.toMatch(/fn (erf|sigmoid|activate_gelu)\b/);
    expect(activationWgsl('gelu')).toMatch(/fn erf\b/);
    expect(activationWgsl('softplus')).toMatch(/fn log1p\b[\s\S]*fn sigmoid\b|fn sigmoid\b[\s\S]*fn log1p\b/);
    for (const name of ACTIVATION_NAMES) expect(activationWgsl(name).match(/^fn activate_\w+/gm)).toEqual([`fn activate_${name}`]);
  });
});
