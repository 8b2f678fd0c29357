import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { layoutLrLabels, LABEL_GAP, type LabelPlace } from '../app/components/chart/lr-label-layout';

const label = 'lr 0.001 → 0.0001';

describe('the learning-rate marks’ labels', () => {
  it('share the top line when they are far apart', () => {
    const places = layoutLrLabels([{ x: 100, label }, { x: 400, label }], 50, 800, 3);
    expect(places.map((p) => p?.lane)).toEqual([0, 0]);
    expect(places.map((p) => p?.anchor)).toEqual(['start', 'start']);
  });

  it('go a line down for a change close to another', () => {
    const places = layoutLrLabels([{ x: 120, label: 'lr 0.0001 → 0.00001' }, { x: 100, label }], 50, 800, 3);
    expect(places.map((p) => p?.lane)).toEqual([1, 0]);
  });

  it('stand left of their line at the plot’s right end', () => {
    const [place] = layoutLrLabels([{ x: 780, label }], 50, 800, 3);
    expect(place).toMatchObject({ anchor: 'end', x: 780 - LABEL_GAP, lane: 0 });
    expect(place!.span[1]).toBeLessThanOrEqual(800);
  });

  it('leave out a label that finds no room rather than overlap', () => {
    const places = layoutLrLabels([100, 101, 102].map((x) => ({ x, label })), 50, 800, 2);
    expect(places.map((p) => p?.lane ?? null)).toEqual([0, 1, null]);
  });

  it('never overlap one another nor leave the plot, wherever the changes are', () => {
    const mark = fc.record({ x: fc.double({ min: 0, max: 600, noNaN: true }), label: fc.string({ minLength: 1, maxLength: 30 }) });
    fc.assert(
      fc.property(fc.array(mark, { maxLength: 12 }), fc.integer({ min: 1, max: 5 }), (marks, lanes) => {
        const placed = layoutLrLabels(marks, 0, 600, lanes).filter((p): p is LabelPlace => p !== null);
        for (const p of placed) {
          expect(p.lane).toBeLessThan(lanes);
          expect(p.span[0]).toBeGreaterThanOrEqual(0);
          expect(p.span[1]).toBeLessThanOrEqual(600);
        }
        for (const [i, a] of placed.entries())
          for (const b of placed.slice(i + 1)) if (a.lane === b.lane) expect(a.span[1] <= b.span[0] || b.span[1] <= a.span[0]).toBe(true);
      }),
    );
  });
});
