/** The retry schedule against a brute-force model: every request's retransmissions and deadline, in due order. */
import { describe, expect, it } from 'vitest';
import { Rng } from '../../../sim/index.ts';
import { RetrySchedule, retryWaitUs, type RetryPolicy } from './retry-schedule.ts';

const policy: RetryPolicy = { requestTimeoutUs: 300, backoffFactor: 1.5, retryIntervalMaxUs: 1_000, giveUpAfterUs: 5_000 };

/** What a request submitted at `s` and never confirmed must see: its retransmission times, then its deadline. */
function expectedTimeline(p: RetryPolicy, s: number): number[] {
  const out: number[] = [];
  let t = s;
  for (let attempt = 1; ; attempt++) {
    t += retryWaitUs(p, attempt);
    if (t >= s + p.giveUpAfterUs) break;
    out.push(t);
  }
  return [...out, s + p.giveUpAfterUs];
}

describe('RetrySchedule', () => {
  it('waits grow by the factor up to the cap', () => {
    expect([1, 2, 3, 4, 5].map((k) => retryWaitUs(policy, k))).toEqual([300, 450, 675, 1_000, 1_000]);
  });

  it('hands out every live request\'s retransmissions and deadline at their times, in due order, skipping confirmed ones', () => {
    const rng = new Rng(7);
    const live = new Set<number>();
    const submittedAt = new Map<number, number>();
    let oldest = 0;
    const schedule = new RetrySchedule(policy, {
      isLive: (k) => live.has(k),
      oldestLive: () => {
        while (oldest < submittedAt.size && !live.has(oldest)) oldest++;
        return oldest < submittedAt.size ? oldest : NaN;
      },
      submittedUs: (k) => submittedAt.get(k)!,
    });
    const seen = new Map<number, number[]>();
    const confirmed = new Set<number>();
    let now = 0;
    let lastDue = 0;
    for (let key = 0; now < 40_000; key++) {
      now += rng.int(200);
      // Run what fell due before this submission, each as if at its due time (as the client's timer does).
      for (let d = schedule.popDue(now); d !== undefined; d = schedule.popDue(now)) {
        const submitted = submittedAt.get(d.key)!;
        const dueAt = d.dueUs;
        expect(dueAt).toBeGreaterThanOrEqual(lastDue);
        lastDue = dueAt;
        seen.set(d.key, [...(seen.get(d.key) ?? []), dueAt]);
        if (d.attempt === 'give-up') live.delete(d.key);
        else schedule.retransmitted(d.key, d.attempt, dueAt, submitted);
      }
      live.add(key);
      submittedAt.set(key, now);
      schedule.submitted(key, now);
      // A third of the requests are confirmed at once: none of their entries may come out.
      if (rng.int(3) === 0) {
        live.delete(key);
        confirmed.add(key);
      }
    }
    // Six retransmissions (three of them in the capped lane), then the deadline.
    expect(expectedTimeline(policy, 0)).toEqual([300, 750, 1_425, 2_425, 3_425, 4_425, 5_000]);
    expect([...seen.values()].filter((t) => t.length === 7).length).toBeGreaterThan(100);
    // Every request that was never confirmed went through its whole timeline; a confirmed one through none.
    for (const [key, submitted] of submittedAt) {
      const full = expectedTimeline(policy, submitted);
      if (full.at(-1)! > lastDue) continue;
      expect(seen.get(key) ?? []).toEqual(confirmed.has(key) ? [] : full);
    }
  });
});
