// Which stand-in runs while a kernel compiles: one whose pipeline the step already compiles, so
// that the products without an activation share their quick pipeline with those that have one.
import { describe, expect, it } from 'vitest';
import { pickStandIn } from '../gpu/webgpu/pipelines';

describe('pickStandIn', () => {
  it('takes the first stand-in whose pipeline is ready or compiling', () => {
    expect(pickStandIn(['relu', 'tanh', 'gelu'], (name) => name === 'tanh' || name === 'gelu')).toBe('tanh');
  });

  it('takes the first when none has started', () => {
    expect(pickStandIn(['relu', 'tanh'], () => false)).toBe('relu');
  });
});
