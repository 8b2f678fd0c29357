import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CpuBackend } from '../gpu';
import { nodeWebGpuBackend } from '../gpu/cli/node-webgpu';
import { trainTinyModel } from './readme-example';

describe("the README's engine example", () => {
  it('is in the README word for word', () => {
    const source = readFileSync(new URL('./readme-example.ts', import.meta.url), 'utf8');
    const snippet = source.split('// readme-example-start\n')[1].split('// readme-example-end')[0];
    expect(readFileSync(new URL('../README.md', import.meta.url), 'utf8')).toContain(snippet);
  });

  it('trains: the loss falls, on WebGPU as on the float64 reference', async () => {
    const gpu = await trainTinyModel(await nodeWebGpuBackend(), 20);
    const reference = await trainTinyModel(new CpuBackend('f64'), 20);
    expect(gpu[19]).toBeLessThan(gpu[0] / 4);
    for (let i = 0; i < 20; i++) expect(gpu[i]).toBeCloseTo(reference[i], 4);
  });
});
