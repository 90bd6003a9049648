/**
 * The insider's extra requests leave its clinician's honest ones as they were: an extra request
 * draws its patient and break-glass from the proxy's own stream, so the clinician's own requests
 * come at the attack-free run's times, for the same patients (common random numbers,
 * docs/architecture.md), at scenarios/attacks/insider.yaml's parameters.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ModelEvent } from '../../sim/index.ts';
import type { Transaction } from '../ledger/types.ts';
import { loadScenario } from '../scenario/index.ts';
import { runIomtWorld } from './testing/run.ts';

const insiderFile = fileURLToPath(new URL('../../scenarios/attacks/insider.yaml', import.meta.url));

/** Clinician 0's access requests (submission time, patient, purpose), and the run's metrics. */
function clinicianRequests(set: readonly string[]) {
  const { scenario } = loadScenario(insiderFile, set);
  let host = -1;
  const requests: string[] = [];
  const metrics = runIomtWorld(scenario, scenario.seed, {
    setup: (world) => { host = world.topology.clinicians[0]!.host; },
    observers: [(h, e: ModelEvent) => {
      if (h !== host || e.kind !== 'submit') return;
      const tx = (e as ModelEvent & { tx: Transaction }).tx;
      if (tx.call?.contract !== 'AccessControl' || tx.call.method !== 'request') return;
      const args = tx.call.args as { patient: string; purpose: string };
      requests.push(`${tx.submittedUs} ${args.patient} ${args.purpose}`);
    }],
  }).metrics;
  return { requests, metrics };
}

describe('insider attack and common random numbers', () => {
  it("leaves the insider's honest requests (times, patients) as in the attack-free run", () => {
    const honest = clinicianRequests(['attacks=[]']);
    const attacked = clinicianRequests([]);
    const extra = attacked.metrics['attack.insider_extra_requests']!.value;
    expect(extra).toBeGreaterThan(0);
    expect(honest.requests.length).toBeGreaterThan(0);
    // Every honest request is in the attacked run, at its time and for its patient; the rest are the extra ones.
    const attackedSet = new Set(attacked.requests);
    expect(honest.requests.filter((r) => !attackedSet.has(r))).toEqual([]);
    expect(attacked.requests.length).toBe(honest.requests.length + extra);
  });
});
