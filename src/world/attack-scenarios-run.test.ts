/** The PBFT attack scenarios in scenarios/ run through the run model with their attack plans. */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { HostId, ModelEvent } from '../../sim/index.ts';
import { loadScenario } from '../scenario/load.ts';
import { runConsensusWorld } from './testing/run.ts';

const file = (name: string) => fileURLToPath(new URL(`../../scenarios/${name}`, import.meta.url));

describe('PBFT attack scenarios', () => {
  it('pbft-crash: the primary crashes, a view change follows, commits resume', () => {
    const { scenario } = loadScenario(file('pbft-crash.yaml'));
    let lastCommitUs = 0;
    const out = runConsensusWorld(scenario, 1, { observers: [(_h: HostId, e: ModelEvent, t: number) => { if (e.kind === 'commit') lastCommitUs = t; }] });
    expect(out.checks.filter((c) => !c.passed)).toEqual([]);
    expect(out.metrics['consensus.view_changes']!.value).toBeGreaterThanOrEqual(1);
    expect(lastCommitUs).toBeGreaterThan(59_000_000);
  });

  it('pbft-partition: nothing conflicts during the split, progress returns after it heals', () => {
    const { scenario } = loadScenario(file('pbft-partition.yaml'));
    const commitTimes: number[] = [];
    const out = runConsensusWorld(scenario, 1, { observers: [(_h: HostId, e: ModelEvent, t: number) => { if (e.kind === 'commit') commitTimes.push(t); }] });
    expect(out.checks.filter((c) => !c.passed)).toEqual([]);
    const during = commitTimes.filter((t) => t > 20_100_000 && t < 30_000_000);
    expect(during).toEqual([]);
    expect(commitTimes.some((t) => t > 45_000_000)).toBe(true);
  });
});
