// The selected run's learning-rate field: what it applies, and when.
import { describe, expect, it } from 'vitest';
import { lrBlocker, lrFieldEvent, parseLearningRate, SHOWING_RUN_RATE, type LrField, type LrFieldEvent } from '../app/components/runs/lr-field';

/** The rates applied by a sequence of events, the run's rate following each one applied. */
function applied(events: readonly LrFieldEvent[], lr = 0.001): number[] {
  let field: LrField = SHOWING_RUN_RATE;
  const rates: number[] = [];
  for (const event of events) {
    const next = lrFieldEvent(field, event, lr);
    field = next.field;
    if (next.apply !== null) {
      rates.push(next.apply);
      lr = next.apply;
    }
  }
  return rates;
}

/** Typing `text` a key at a time into a field that held `from`. */
const typed = (text: string, from = ''): LrFieldEvent[] => [...text].map((_, i) => ({ type: 'input', text: from + text.slice(0, i + 1) }));

describe('the learning-rate field', () => {
  it('applies nothing per keystroke: typing 1e-4 key by key, then a pause, applies 0.0001 alone', () => {
    expect(applied(typed('1e-4'))).toEqual([]);
    expect(applied([...typed('1e-4'), { type: 'pause' }])).toEqual([0.0001]);
  });

  it('applies on Enter, on leaving the field and after a pause, once each', () => {
    for (const commit of ['enter', 'blur', 'pause'] as const) {
      expect(applied([...typed('0.01'), { type: commit }, { type: commit }]), commit).toEqual([0.01]);
    }
  });

  it('applies nothing that is not a valid rate, nor the rate the run has', () => {
    for (const text of ['0x10', '1e-300', '101', '-0.1', '', 'fast', '1e-']) expect(applied([...typed(text), { type: 'enter' }]), text).toEqual([]);
    expect(applied([...typed('0.001'), { type: 'enter' }]), 'the run’s own rate').toEqual([]);
    expect(applied([...typed('1e-4'), { type: 'blur' }, ...typed('0.1'), { type: 'pause' }])).toEqual([0.0001, 0.1]);
  });

  it('keeps an invalid text for its message, and gives the field back to the run’s rate after a commit', () => {
    const invalid = lrFieldEvent({ text: '200', error: null }, { type: 'enter' }, 0.001);
    expect(invalid).toEqual({ field: { text: '200', error: 'learning rate must be a number from 0.000001 to 100' }, apply: null });
    expect(lrFieldEvent(invalid.field, { type: 'input', text: '2' }, 0.001).field, 'the next key clears the message').toEqual({ text: '2', error: null });
    expect(lrFieldEvent({ text: '0.5', error: null }, { type: 'blur' }, 0.001)).toEqual({ field: SHOWING_RUN_RATE, apply: 0.5 });
  });

  it('is closed to runs that cannot train on, saying why', () => {
    const run = { state: 'paused', inWorker: true, initialWeightsHash: 'c0ffee01' };
    expect(lrBlocker(run)).toBeNull();
    expect(lrBlocker({ ...run, state: 'training' })).toBeNull();
    expect(lrBlocker({ ...run, state: 'finished' })).toBe('the run has finished');
    expect(lrBlocker({ ...run, inWorker: false, initialWeightsHash: null })).toBe('the run is being built');
    expect(lrBlocker({ ...run, inWorker: false })).toBe('its model was not kept: the run can only be viewed');
  });

  it('says why a text is no rate, by the engine’s rules', () => {
    expect(parseLearningRate('0x10')).toEqual({ error: 'a learning rate is a decimal number from 0.000001 to 100, like 0.001 or 1e-4' });
    expect(parseLearningRate('1e-300')).toEqual({ error: 'learning rate must be a number from 0.000001 to 100' });
    expect(parseLearningRate(' 1e-4 ')).toEqual({ lr: 0.0001 });
  });
});
