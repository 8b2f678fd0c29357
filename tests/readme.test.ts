import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BACKENDS, REFERENCE } from './backends';
import { expectClose } from './helpers';
import { trainTinyModel } from './readme-example';

describe("the README's engine example", () => {
  it('is in the README word for word', () => {
    const source = readFileSync(new URL('./readme-example.ts', import.meta.url), 'utf8');
    const snippet = source.split('// readme-example-start\n')[1].split('// readme-example-end')[0];
    expect(readFileSync(new URL('../README.md', import.meta.url), 'utf8')).toContain(snippet);
  });
});

describe.each(BACKENDS)("the README's engine example on $name", (backend) => {
  it('trains: the loss falls, step for step as on the float64 reference', async () => {
    const losses = await trainTinyModel(await backend.create(), 20);
    const reference = await trainTinyModel(await REFERENCE.create(), 20);
    expect(losses[19]).toBeLessThan(losses[0] / 4);
    // Twenty steps of a model this small stay within one op's tolerance.
    expectClose(losses, reference, backend.tolerance.abs, backend.tolerance.rel, 'loss');
  });
});
