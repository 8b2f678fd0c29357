import { describe, expect, it } from 'vitest';
import { textWidth, titleLines } from '../app/components/chart/title-lines';

describe('an axis title too long for its axis', () => {
  it('stays one line where it fits', () => {
    expect(titleLines('Training loss (cross-entropy, nats)', 276, 12)).toEqual(['Training loss (cross-entropy, nats)']);
  });

  it('breaks before its parenthesis on a phone’s short chart, in English and in Chinese', () => {
    expect(titleLines('Training loss (cross-entropy, nats)', 196, 12)).toEqual(['Training loss', '(cross-entropy, nats)']);
    expect(titleLines('训练损失（交叉熵，单位：奈特）', 140, 12)).toEqual(['训练损失', '（交叉熵，单位：奈特）']);
  });

  it('breaks at the space that leaves the longest first line when the parenthesis would not do', () => {
    const lines = titleLines('Training loss (mean squared error on the softmax)', 196, 12);
    expect(lines).toEqual(['Training loss (mean squared', 'error on the softmax)']);
    for (const line of lines) expect(textWidth(line, 12)).toBeLessThanOrEqual(196);
  });

  it('stays whole where no break makes both lines fit', () => {
    expect(titleLines('Supercalifragilistic', 50, 12)).toEqual(['Supercalifragilistic']);
  });

  it('counts a Chinese character an em, a Latin one less', () => {
    expect(textWidth('步数', 12)).toBe(24);
    expect(textWidth('Step', 10)).toBeCloseTo(24);
  });
});
