import { describe, expect, it } from 'vitest';
import { Throughput } from '../gpu/train/throughput';

describe('Throughput', () => {
  it('counts rows trained over the time the clock ran, not over pauses', () => {
    let now = 0;
    const throughput = new Throughput(1000, () => now);
    throughput.start();
    throughput.count(128);
    now = 500;
    throughput.count(72); // a short last batch counts as the rows it had
    throughput.stop();
    now = 10_000; // paused: no time counted
    throughput.start();
    now = 10_500;
    throughput.count(200);
    throughput.stop();
    expect(throughput.rows).toBe(400);
    expect(throughput.elapsedMs).toBe(1000);
    expect(throughput.overall).toBe(400);
  });

  it('gives the rate over the latest full window once one has passed', () => {
    let now = 0;
    const throughput = new Throughput(1000, () => now);
    throughput.start();
    throughput.count(100);
    now = 500;
    expect(throughput.recent).toBe(200); // no full window yet: the overall rate
    now = 1000;
    throughput.count(900);
    expect(throughput.recent).toBe(1000);
    now = 1500;
    throughput.count(50);
    expect(throughput.recent).toBe(1000); // the window in progress does not count until it is full
    now = 2000;
    throughput.count(50);
    expect(throughput.recent).toBe(100);
  });
});
