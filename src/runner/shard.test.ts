import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatIssue, InputError } from '../scenario/index.ts';
import { planTasks } from './plan.ts';
import { inShard, parseShard } from './shard.ts';

function message(text: string): string {
  try {
    parseShard(text);
  } catch (err) {
    return formatIssue((err as InputError).issues[0]!);
  }
  return 'no error';
}

describe('--shard', () => {
  it('parses i/n', () => {
    expect(parseShard('2/3')).toEqual({ index: 2, count: 3 });
  });

  it('parses the last shard and a run in one shard', () => {
    expect([parseShard('3/3'), parseShard('1/1')]).toEqual([{ index: 3, count: 3 }, { index: 1, count: 1 }]);
  });

  it('gives shard i/n the tasks k of the (point, replication) list with k mod n = i - 1 (round robin over the list, whatever the replication)', () => {
    // Two replications a point over three shards: the task's index, not its replication, picks the shard.
    const plan = { points: [{ parameters: {}, scenario: {} }, { parameters: {}, scenario: {} }] as never, replicationSeeds: [10, 11] };
    const held = (index: number) => planTasks({ ...plan, shard: { index, count: 3 } }).map((t) => [t.point, t.replication, t.seed]);
    // Tasks 0..3 are (0,0) (0,1) (1,0) (1,1).
    expect([held(1), held(2), held(3)]).toEqual([[[0, 0, 10], [1, 1, 11]], [[0, 1, 11]], [[1, 0, 10]]]);
  });

  it('rejects a malformed or out-of-range shard with the flag, what was expected and what was found', () => {
    expect(message('0/3')).toBe("--shard 0/3: (flag): expected i/n with 1 ≤ i ≤ n ≤ 2^53 - 1, such as 2/3, found '0/3'");
    expect(message('4/3')).toBe("--shard 4/3: (flag): expected i/n with 1 ≤ i ≤ n ≤ 2^53 - 1, such as 2/3, found '4/3'");
    // Past 2^53: the count would not survive manifest.json's check, so resume and merge would refuse the shard's own folder.
    expect(message('1/100000000000000000000')).toBe("--shard 1/100000000000000000000: (flag): expected i/n with 1 ≤ i ≤ n ≤ 2^53 - 1, such as 2/3, found '1/100000000000000000000'");
    expect(message('two')).toBe("--shard two: (flag): expected i/n with 1 ≤ i ≤ n ≤ 2^53 - 1, such as 2/3, found 'two'");
  });

  it('puts every task in exactly one shard', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 1, max: 64 }), (task, count) => {
      const owners = Array.from({ length: count }, (_, i) => i + 1).filter((index) => inShard(task, { index, count }));
      expect(owners).toHaveLength(1);
    }), { seed: 5 });
  });
});
