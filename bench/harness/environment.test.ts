import { describe, expect, it } from 'vitest';
import { describeEnvironment, environmentDifferences } from './environment.ts';

describe('the baseline machine', () => {
  const here = describeEnvironment();

  it('finds no difference from a baseline recorded here', () => {
    expect(environmentDifferences({ ...here, commit: 'another', dirty: !here.dirty, totalMemoryBytes: 1 }, here)).toEqual([]);
  });

  it('names each of CPU model, cores, Node and V8 that differ, with both values', () => {
    const other = { ...here, cpuModel: 'Other CPU', cpuCores: here.cpuCores + 1, nodeVersion: 'v0.0.0', v8Version: '0.0' };
    expect(environmentDifferences(other, here)).toEqual([
      `CPU model 'Other CPU' in the baseline, '${here.cpuModel}' here`,
      `CPU cores ${here.cpuCores + 1} in the baseline, ${here.cpuCores} here`,
      `Node 'v0.0.0' in the baseline, '${here.nodeVersion}' here`,
      `V8 '0.0' in the baseline, '${here.v8Version}' here`,
    ]);
  });

  it('counts a baseline that records no environment as differing', () => {
    expect(environmentDifferences(undefined, here)[0]).toBe(`CPU model nothing in the baseline, '${here.cpuModel}' here`);
  });
});
