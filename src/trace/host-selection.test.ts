import { describe, expect, it } from 'vitest';
import { InputError } from '../scenario/errors.ts';
import { parseHostSelection, selectedHostIds } from './host-selection.ts';

/** The one issue `fn` is refused with, or a failure naming what happened instead. */
function refusal(fn: () => unknown): InputError['issues'][number] {
  try {
    fn();
  } catch (error) {
    if (error instanceof InputError) return error.issues[0]!;
    throw error;
  }
  throw new Error('expected an input error');
}

describe('--hosts', () => {
  it('selects ids, ranges and the replicas together', () => {
    const selection = parseHostSelection('0, 3..5,replicas');
    expect(selection.replicas).toBe(true);
    expect([...selectedHostIds(selection, 16, 'pbft')]).toEqual([0, 3, 4, 5]);
  });

  it('refuses a part that is neither an id, a range nor replicas', () => {
    expect(refusal(() => parseHostSelection('0,leader'))).toMatchObject({ source: '--hosts 0,leader', found: "'leader'" });
  });

  it('refuses a reversed range', () => {
    expect(refusal(() => parseHostSelection('5..2'))).toEqual({ source: '--hosts 5..2', path: '(flag)', expected: 'a range low..high with low ≤ high', found: "'5..2'" });
  });

  it('refuses a host the scenario does not have, saying how many it has', () => {
    expect(refusal(() => selectedHostIds(parseHostSelection('1,99'), 16, 'pbft'))).toEqual({
      source: '--hosts 1,99',
      path: '(flag)',
      expected: "host ids from 0 to 15 (scenario 'pbft' has 16 hosts)",
      found: "'99'",
    });
  });

  it('refuses a range past the last host without listing its ids', () => {
    const started = performance.now();
    expect(refusal(() => selectedHostIds(parseHostSelection('0..999999999'), 16, 'pbft')).found).toBe("'0..999999999'");
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
