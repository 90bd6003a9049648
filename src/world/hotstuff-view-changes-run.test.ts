/**
 * consensus.view_changes on chained HotStuff counts each view a quorum gave up by timeout once,
 * whether or not the next view's leader is up: at n = 8 with two adjacent leaders crashed, each
 * round of leaders gives up both of their views (the first is entered as the votes on the view
 * before it go to its dead leader, the second on the timeout certificate of the first).
 */
import { describe, expect, it } from 'vitest';
import type { HostId, ModelEvent } from '../../sim/index.ts';
import type { LeadsEvent, ViewChangeEvent } from '../protocols/types.ts';
import { runConsensusWorld } from './testing/run.ts';
import { consensusScenario } from './testing/scenarios.ts';

const N = 8;
const CRASHED = [1, 2];

describe('HotStuff view changes', () => {
  it('are the views given up by timeout, each once, at n = 8 with two adjacent leaders crashed', () => {
    const scenario = consensusScenario({
      duration: '20s',
      warmup: '0s',
      network: { latency: { kind: 'fixed', value: '10ms' } },
      consensus: { protocol: 'hotstuff', nodes: N, batchSize: 100, batchTimeout: '200ms' },
      workload: { rateTps: 20, clients: 4 },
      attacks: [{ type: 'crash', start: '0s', replicas: CRASHED }],
    } as never);
    const reported = new Set<number>();
    let highestLed = 0;
    const observer = (_host: HostId, e: ModelEvent) => {
      if (e.kind === 'view-change') reported.add((e as ViewChangeEvent).view);
      // Replicas are hosts 0..n−1 and view v's leader is replica v mod n (replica.ts).
      else if (e.kind === 'leads') highestLed = Math.max(highestLed, (e as LeadsEvent).view);
    };
    const out = runConsensusWorld(scenario, 1, { observers: [observer] });
    // Every view a crashed replica led below the highest view a live leader entered was given up,
    // and the view after it entered on a timeout certificate.
    const givenUp: number[] = [];
    for (let v = 1; v < highestLed; v++) if (CRASHED.includes(v % N)) givenUp.push(v);
    expect(givenUp.length).toBeGreaterThan(8);
    for (const v of givenUp) expect(reported.has(v + 1), `view ${v + 1}`).toBe(true);
    // Nothing else: every reported view follows one a crashed replica led.
    for (const v of reported) expect(CRASHED.includes((v - 1) % N), `view ${v}`).toBe(true);
    expect(out.metrics['consensus.view_changes']!.value).toBe(reported.size);
    expect(reported.size).toBeGreaterThanOrEqual(givenUp.length);
    expect(reported.size).toBeLessThanOrEqual(givenUp.length + 2);
  });
});
