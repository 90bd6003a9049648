/**
 * A consortium client (here a clinician's access client) whose host crashes and recovers: its
 * timers were lost with the crash (sim/actor.ts), so it must set them again to act and to
 * retransmit what it had submitted.
 */
import { describe, expect, it } from 'vitest';
import type { ConfirmedEvent } from '../protocols/types.ts';
import { pbft } from '../protocols/pbft/index.ts';
import type { IomtEvent } from './events.ts';
import { smallWorldConfig } from './testing/small-world.ts';
import { IomtWorld } from './world.ts';

const S = 1_000_000;

describe('consortium clients across a crash', () => {
  it('a clinician whose host crashes and recovers acts again, and asks its node again for the decision it was awaiting', () => {
    const w = new IomtWorld(
      smallWorldConfig(pbft, {
        durationUs: 60 * S,
        wardsPerHospital: 1,
        access: { cliniciansPerWard: 1, clinicianRatePerHour: 720, breakGlassProbability: 0, researchers: 0, researcherRatePerHour: 0, researchConsentFraction: 0, revocationsPerHour: 0 },
      }),
    );
    const clinician = w.topology.clinicians[0]!.host;
    let inFlight: string | undefined;
    let recoveredUs = Infinity;
    const decided: { request: string; submittedUs: number }[] = [];
    w.engine.observe((h, e, t) => {
      if (h !== clinician) return;
      if (e.kind === 'confirmed' && inFlight === undefined && t >= 10 * S) {
        // Crash it just after its request was confirmed, when it asks its node for the decision:
        // the node's answer is lost with the host, so only a retransmission after recovery
        // (LedgerClient.retransmit re-sends unanswered node queries) brings the decision.
        inFlight = String((e as ConfirmedEvent).tx.call?.args['request']);
        w.engine.at(t + 1, () => w.engine.crash(clinician));
        w.engine.at(t + 5 * S, () => {
          recoveredUs = w.engine.nowUs;
          w.engine.recover(clinician);
        });
      }
      if (e.kind === 'iomt-access-decided') {
        const d = e as Extract<IomtEvent, { kind: 'iomt-access-decided' }>;
        decided.push({ request: d.request, submittedUs: d.submittedUs });
      }
    });
    w.run();
    expect(inFlight).toBeDefined();
    // The decision awaited at the crash comes after the recovery, by retransmission.
    expect(decided.some((d) => d.request === inFlight)).toBe(true);
    // And the clinician goes on requesting: several requests submitted after the recovery are decided.
    expect(decided.filter((d) => d.submittedUs > recoveredUs).length).toBeGreaterThan(3);
  });
});
