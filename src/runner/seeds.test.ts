import { describe, expect, it } from 'vitest';
import { replicationSeed, replicationSeeds } from './seeds.ts';

describe('replication seeds', () => {
  it('replication 0 runs with the scenario seed itself', () => {
    expect(replicationSeed(42, 0)).toBe(42);
  });

  it('are distinct safe integers that do not depend on the replication count', () => {
    const ten = replicationSeeds(7, 10);
    expect(new Set(ten).size).toBe(10);
    expect(ten.every(Number.isSafeInteger)).toBe(true);
    expect(replicationSeeds(7, 3)).toEqual(ten.slice(0, 3));
  });

  it('differ between root seeds', () => {
    expect(replicationSeed(1, 1)).not.toBe(replicationSeed(2, 1));
  });

  it('are the seeds every results folder records: a folder written before a change of derivation would no longer resume or merge', () => {
    // manifest-check.ts refuses a manifest whose replicationSeeds are not these, so they are pinned.
    expect(replicationSeeds(42, 4)).toEqual([42, 8550399726404027, 2307969356863370, 5099239660757500]);
    expect(replicationSeeds(0, 3)).toEqual([0, 5906597941628336, 8191848441421911]);
  });
});
