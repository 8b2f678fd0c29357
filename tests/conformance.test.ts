import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCaseFile, runCase } from '../gpu/conformance';
import { REFERENCE, VALUE_BACKENDS, engineOn } from './backends';

const CASES = new URL('./op-cases/torch-sample.json', import.meta.url);

describe("PyTorch's op cases", () => {
  const { cases } = parseCaseFile(readFileSync(CASES, 'utf8'));

  it('holds all the ops', () => {
    expect(new Set(cases.map((c) => c.op)).size).toBeGreaterThanOrEqual(14);
  });

  describe.each(VALUE_BACKENDS)('on $name', (backend) => {
    it('all pass', async () => {
      const engine = await engineOn(backend);
      const failures = [];
      for (const c of cases) {
        const r = await runCase(engine, c);
        if (!r.passed) failures.push(`${c.name}: ${r.detail}`);
      }
      expect(failures).toEqual([]);
      engine.backend.destroy();
    });
  });

  it('fail when a value is off, naming it', async () => {
    const engine = await engineOn(REFERENCE);
    const bad = structuredClone(cases.find((c) => c.op === 'sigmoid')!);
    bad.expected.output.data[3] = Number(bad.expected.output.data[3]) + 1e-3;
    const r = await runCase(engine, bad);
    expect(r.passed).toBe(false);
    expect(r.detail).toMatch(/output\[3\]/);
  });
});

describe('case file validation', () => {
  const valid = JSON.parse(readFileSync(CASES, 'utf8'));

  it('rejects an unknown op, naming the case', () => {
    const doc = structuredClone(valid);
    doc.cases[2].op = 'conv2d';
    expect(() => parseCaseFile(JSON.stringify(doc))).toThrow(/case 2 \(linear_6x20_to_12\): unknown op "conv2d"/);
  });

  it('rejects data that does not fit its shape', () => {
    const doc = structuredClone(valid);
    doc.cases[0].inputs.a.data.pop();
    expect(() => parseCaseFile(JSON.stringify(doc))).toThrow(/case 0 .*input "a" has 34 values but shape \[5,7\] needs 35/);
  });

  it('rejects broken JSON and a wrong format', () => {
    expect(() => parseCaseFile('{')).toThrow(/not valid JSON/);
    expect(() => parseCaseFile('{"format":"other","cases":[]}')).toThrow(/unknown format/);
  });
});
