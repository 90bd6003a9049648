/** Deciding that a probe failed from one replication's lower bounds. */
import { describe, expect, it } from 'vitest';
import { ProbeBoard } from './probe-board.ts';
import { boardWatch, ownFailure } from './size-early-stop.ts';

const le = (value: number) => ({ metric: 'm', condition: { op: '<=' as const, value } });

describe('ownFailure', () => {
  it('fails an upper-bound SLO once the bound over the replications already exceeds it, the others counted as 0', () => {
    expect(ownFailure([le(250)], [499], 2)).toBeUndefined();
    expect(ownFailure([le(250)], [501], 2)).toEqual({ kind: 'bound', slo: 0, meanAtLeast: 250.5 });
    expect(ownFailure([{ metric: 'm', condition: { op: '<', value: 250 } }], [500], 2)?.slo).toBe(0);
    expect(ownFailure([{ metric: 'm', condition: { op: '==', value: 0 } }], [1], 3)?.slo).toBe(0);
  });

  it('never decides conditions bounded from below, nor metrics without a bound', () => {
    for (const op of ['>=', '>', '!='] as const) expect(ownFailure([{ metric: 'm', condition: { op, value: 10 } }], [1e9], 1)).toBeUndefined();
    expect(ownFailure([le(1)], [NaN], 1)).toBeUndefined();
  });
});

describe('boardWatch', () => {
  it('posts each report to its row and stops the run once its own bound decides, or once an earlier replication did', () => {
    const board = ProbeBoard.create(2, 1);
    const second = boardWatch({ board: board.shared, replications: 2, row: 1, everyUs: 1, slos: [le(100)] });
    expect(second.onInterim({ simulatedUs: 5, metrics: { m: { now: 150, atLeast: 150 } } })).toBe(false);
    expect(board.read(1)).toMatchObject({ simulatedUs: 5, now: [150], atLeast: [150] });
    expect(second.onInterim({ simulatedUs: 6, metrics: { m: { now: 250, atLeast: 201 } } })).toBe(true);
    expect(board.stopFrom).toBe(1);
    const first = boardWatch({ board: board.shared, replications: 2, row: 0, everyUs: 1, slos: [le(100)] });
    expect(first.onInterim({ simulatedUs: 5, metrics: { m: { now: 10, atLeast: 10 } } })).toBe(false);
    board.lowerStopFrom(0);
    expect(board.stopFrom).toBe(0);
    board.lowerStopFrom(1);
    expect(board.stopFrom).toBe(0);
    expect(second.onInterim({ simulatedUs: 7, metrics: { m: { now: 1, atLeast: 1 } } })).toBe(true);
  });
});
