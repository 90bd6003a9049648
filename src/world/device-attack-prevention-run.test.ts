/**
 * The gateway's admission prevents the device attacks the bundled scenarios claim it prevents, in a
 * world run in this process at each file's own seed: every altered, replayed or forged reading
 * that reaches a gateway is refused by the one check that answers it (src/iomt/admission.ts:
 * signature, sequence number, registration), so none is accepted and none stored. The files state
 * the claim (their header comments and `expect:`); this pins it independently of their
 * expectations, which only the runner judges. Breaking each check is shown in
 * src/runner/attacks/iomt/defences.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../scenario/index.ts';
import { runIomtWorld } from './testing/run.ts';

function run(file: string) {
  const { scenario } = loadScenario(`scenarios/attacks/${file}`);
  const m = runIomtWorld(scenario, scenario.seed).metrics;
  return (name: string): number | null | undefined => m[name]?.value;
}

describe('device attacks the gateway admission prevents', () => {
  it('tamper.yaml: every reading altered in transit fails the signature check; none accepted or stored', () => {
    const metric = run('tamper.yaml');
    expect(metric('iomt.tampered_arrived')).toBeGreaterThan(0);
    expect(metric('iomt.readings_rejected.bad_signature')).toBe(metric('iomt.tampered_arrived'));
    expect(metric('iomt.tampered_accepted')).toBe(0);
    expect(metric('iomt.tampered_stored')).toBe(0);
  });

  it('replay.yaml: every replayed copy fails the sequence check; none accepted or stored', () => {
    const metric = run('replay.yaml');
    expect(metric('iomt.replayed_arrived')).toBeGreaterThan(0);
    expect(metric('iomt.readings_rejected.replay')).toBe(metric('iomt.replayed_arrived'));
    expect(metric('iomt.replayed_accepted')).toBe(0);
    expect(metric('iomt.replayed_stored')).toBe(0);
  });

  it('sybil.yaml: every reading of an unregistered identity fails the registration check; none accepted or stored', () => {
    const metric = run('sybil.yaml');
    expect(metric('iomt.forged_arrived')).toBeGreaterThan(0);
    expect(metric('iomt.readings_rejected.unregistered')).toBe(metric('iomt.forged_arrived'));
    expect(metric('iomt.forged_accepted')).toBe(0);
    expect(metric('iomt.forged_stored')).toBe(0);
  });
});
