import { describe, expect, it } from 'vitest';
import { profileLines, type DispatchTiming } from '../gpu/cli/step-profile';

const timing = (name: string, flops: number, ms: number, cpuMs: number | null): DispatchTiming => ({
  name,
  shape: flops > 0 ? 'M×N×K' : 'n=1',
  workgroups: 64,
  ms,
  cpuMs,
  flops,
});

describe('profileLines', () => {
  // The 1024³ matmul at 2 GFLOP/s on the wall clock and 4 on the workers' CPU.
  const reference = timing('matmul_1024', 2e9, 1000, 500);

  it("sets each product's GFLOP/s against the 1024³ matmul's, on the wall clock and on the CPU", () => {
    const product = timing('matmul_product', 1e9, 1000, 400); // 1 GFLOP/s wall, 2.5 on the CPU
    const [, referenceLine, productLine] = profileLines({ step: [product], reference, together: 1000 }, 1000);
    expect(referenceLine).toMatch(/2\.00 GFLOP\/s +1\.00×.*4\.00 GFLOP\/s +1\.00×/);
    expect(productLine).toMatch(/1\.00 GFLOP\/s +0\.50×.*2\.50 GFLOP\/s +0\.63×/);
    expect(productLine).toContain('64 wg');
  });

  it('gives shares of the step, the reference left out, and no GFLOP/s to a kernel without FLOPs', () => {
    const product = timing('matmul_product', 1e9, 750, 300);
    const other = timing('adam', 0, 250, 100);
    const lines = profileLines({ step: [product, other], reference, together: 980 }, 1100);
    expect(lines[2]).toMatch(/75\.0 %.*\| cpu .*75\.0 %/);
    expect(lines[3]).toMatch(/25\.0 %/);
    expect(lines[3]).not.toContain('GFLOP/s');
    expect(lines.at(-1)).toBe('  sum of the 2 dispatches alone: 1000.00 ms (cpu 400.00 ms); replayed back to back: 980.00 ms; the step: 1100.00 ms');
  });

  it('leaves the CPU time out where the workers are not timed (a page)', () => {
    const product = timing('matmul_product', 1e9, 750, null);
    const lines = profileLines({ step: [product], reference: { ...reference, cpuMs: null }, together: 700 }, 800);
    expect(lines[2]).not.toContain('cpu');
    expect(lines.at(-1)).toBe('  sum of the 1 dispatches alone: 750.00 ms; replayed back to back: 700.00 ms; the step: 800.00 ms');
  });
});
