import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatIssue, InputError } from '../scenario/index.ts';
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

  it('rejects a malformed or out-of-range shard with the flag, what was expected and what was found', () => {
    expect(message('0/3')).toBe("--shard 0/3: (flag): expected i/n with 1 ≤ i ≤ n, such as 2/3, found '0/3'");
    expect(message('4/3')).toBe("--shard 4/3: (flag): expected i/n with 1 ≤ i ≤ n, such as 2/3, found '4/3'");
    expect(message('two')).toBe("--shard two: (flag): expected i/n with 1 ≤ i ≤ n, such as 2/3, found 'two'");
  });

  it('puts every task in exactly one shard', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 1, max: 64 }), (task, count) => {
      const owners = Array.from({ length: count }, (_, i) => i + 1).filter((index) => inShard(task, { index, count }));
      expect(owners).toHaveLength(1);
    }), { seed: 5 });
  });
});
