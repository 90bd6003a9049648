import { describe, expect, it } from 'vitest';
import { CommitLag } from './commit-lag.ts';

describe('CommitLag', () => {
  it('is the longest time from a height\'s first commit to its commit at another replica', () => {
    const lag = new CommitLag([0, 1], 0);
    lag.commit(0, 1, 0);
    lag.commit(1, 1, 5);
    lag.commit(0, 2, 10);
    lag.commit(1, 2, 30);
    lag.commit(1, 3, 40);
    lag.commit(0, 3, 47);
    // Lags 5, 20 and 7 µs.
    expect(lag.maxUs(100)).toBe(20);
  });

  it('counts a height a replica has not committed by the end from its first commit to the end', () => {
    const lag = new CommitLag([0, 1, 2], 0);
    for (const h of [0, 1]) lag.commit(h, 1, 1);
    lag.commit(0, 2, 10);
    lag.commit(1, 2, 12);
    lag.commit(0, 3, 20);
    // Replica 2 never committed; replica 1 waits for height 3 since 20; replica 2 for height 1 since 1.
    expect(lag.maxUs(100)).toBe(99);
    const two = new CommitLag([0, 1], 0);
    two.commit(0, 1, 1);
    two.commit(1, 1, 2);
    two.commit(0, 2, 10);
    two.commit(0, 3, 20);
    expect(two.maxUs(100)).toBe(90);
  });

  it('counts only heights first committed at or after its start', () => {
    const lag = new CommitLag([0, 1], 15);
    lag.commit(0, 1, 0);
    lag.commit(0, 2, 10);
    lag.commit(0, 3, 15);
    lag.commit(1, 1, 60);
    lag.commit(1, 2, 65);
    lag.commit(1, 3, 70);
    // Heights 1 and 2 (lags 60 and 55 µs) were first committed before the start; height 3 waited 55 µs.
    expect(lag.maxUs(70)).toBe(55);
    // A height first committed before the start that a replica still lacks at the end does not count
    // either; the first it lacks from inside the window does.
    const waiting = new CommitLag([0, 1], 50);
    waiting.commit(0, 1, 10);
    expect(waiting.maxUs(100)).toBe(0);
    waiting.commit(0, 2, 60);
    expect(waiting.maxUs(100)).toBe(40);
  });

  it('ignores hosts that are not honest replicas', () => {
    const lag = new CommitLag([0, 1], 0);
    lag.commit(0, 1, 0);
    lag.commit(1, 1, 2);
    lag.commit(7, 2, 3);
    expect(lag.maxUs(10)).toBe(2);
  });

  it('ignores a height a replica commits again', () => {
    const lag = new CommitLag([0, 1], 0);
    lag.commit(0, 1, 0);
    lag.commit(0, 2, 5);
    lag.commit(0, 3, 6);
    lag.commit(1, 1, 2);
    lag.commit(0, 2, 90);
    // Replica 1 has waited for height 2 since 5 µs; replica 0's second commit of 2 is no lag.
    expect(lag.maxUs(10)).toBe(5);
  });

  it('is 0 when the replicas commit together', () => {
    const lag = new CommitLag([0, 1], 0);
    for (let height = 1; height <= 5; height++) for (const h of [0, 1]) lag.commit(h, height, height * 10);
    expect(lag.maxUs(100)).toBe(0);
  });
});
