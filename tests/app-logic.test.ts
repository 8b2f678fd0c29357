import { describe, expect, it } from 'vitest';
import { BLOWUP_FACTOR, DivergenceWatch } from '../app/divergence';
import { catalogueOf } from '../app/i18n/messages';
import { word } from '../app/i18n/said';
import { decimate, linearAxis, logAxis } from '../app/runs/chart-axes';

const en = catalogueOf('en');
const zh = catalogueOf('zh');

/** What the watch saw at each loss, worded as the page words it in the language of `t` (after a trip through postMessage). */
const watched = (losses: number[], t = en) => {
  const watch = new DivergenceWatch();
  return losses.map((loss) => {
    const seen = watch.observe(loss);
    return seen === null ? null : word(structuredClone(seen), t);
  });
};

describe('divergence', () => {
  it('is NaN or an infinite loss at once', () => {
    expect(watched([2.3, NaN])).toEqual([null, 'the training loss became NaN']);
    expect(watched([Infinity])).toEqual(['the training loss became Infinity']);
  });

  it('is described, so that the page words it in the language it speaks when it shows it', () => {
    expect(watched([2.3, NaN], zh)).toEqual([null, zh.worker.lossBecame('NaN')]);
    expect(watched([2.3, 12_500_000], zh)[1]).toBe(zh.worker.lossReached('1.25e+7'));
    expect(watched([2.32, 23.6, 19.3], zh)[2]).toBe(zh.worker.lossStayedHigh(BLOWUP_FACTOR, '2.32', '19.3'));
    expect(zh.worker.lossBecame('NaN')).not.toBe(en.worker.lossBecame('NaN'));
  });

  it('is a loss beyond a million at once, said in the message', () => {
    expect(watched([2.3, 12_500_000])[1]).toBe('the training loss reached 1.25e+7');
  });

  it('is a loss that stays far above the untrained model’s (what SGD at learning rate 50 does on MNIST)', () => {
    // Losses read back every ten steps of that run: millions first, then stuck around 20.
    const seen = watched([2.32, 23.6, 19.3, 16.2]);
    expect(seen.slice(0, 2)).toEqual([null, null]);
    expect(seen[2]).toBe(`the training loss stayed above ${BLOWUP_FACTOR}× the untrained model's 2.32 (last 19.3)`);
  });

  it('is not one bad batch, nor a run that learns', () => {
    expect(watched([2.3, 11, 2.1, 1.2, 0.6, 0.3, 0.05, 0.9])).toEqual(Array(8).fill(null));
  });

  it('trusts no checkpoint while a blow-up may be starting, and forgets it after a rollback', () => {
    const watch = new DivergenceWatch();
    watch.observe(2.3);
    watch.observe(30);
    expect(watch.calm).toBe(false);
    watch.forgetRecent();
    expect(watch.calm).toBe(true);
    expect(watch.observe(30)).toBeNull();
  });
});

describe('chart axes', () => {
  it('put about the asked number of ticks at round values, covering the data', () => {
    expect(linearAxis(0, 937, 6)).toEqual({ domain: [0, 1000], ticks: [0, 200, 400, 600, 800, 1000] });
    expect(linearAxis(0.083, 2.41, 5)).toEqual({ domain: [0, 2.5], ticks: [0, 0.5, 1, 1.5, 2, 2.5] });
    expect(linearAxis(0.31, 0.37, 5).ticks).toEqual([0.3, 0.32, 0.34, 0.36, 0.38]);
    expect(linearAxis(0, 100, 5).ticks).toEqual([0, 20, 40, 60, 80, 100]);
  });

  it('give a flat series some room', () => {
    const { domain, ticks } = linearAxis(2, 2, 5);
    expect(domain[0]).toBeLessThan(2);
    expect(domain[1]).toBeGreaterThan(2);
    expect(ticks.length).toBeGreaterThan(1);
  });

  it('on a log scale, span whole decades', () => {
    expect(logAxis(0.03, 2.3)).toEqual({ domain: [0.01, 10], ticks: [0.01, 0.1, 1, 10] });
    expect(logAxis(0.5, 0.6).ticks).toEqual([0.1, 1]);
  });
});

describe('decimation', () => {
  it('keeps at most the asked number of points, evenly strided, the latest always', () => {
    const points = Array.from({ length: 1001 }, (_, i) => i);
    const kept = decimate(points, 100);
    expect(kept.length).toBeLessThanOrEqual(100);
    expect(kept.at(-1)).toBe(1000);
    expect(new Set(kept.slice(1, -1).map((p, i) => p - kept[i])).size).toBe(1);
    expect(decimate([1, 2, 3], 5)).toEqual([1, 2, 3]);
  });
});
