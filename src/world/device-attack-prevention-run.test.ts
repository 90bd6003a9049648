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

/** Each file, the class of reading it attacks with (the metrics' infix) and the check that must refuse every one. */
const CASES = [
  { file: 'tamper.yaml', attacked: 'tampered', refusedBy: 'bad_signature', claim: 'every reading altered in transit fails the signature check' },
  { file: 'replay.yaml', attacked: 'replayed', refusedBy: 'replay', claim: 'every replayed copy fails the sequence check' },
  { file: 'sybil.yaml', attacked: 'forged', refusedBy: 'unregistered', claim: 'every reading of an unregistered identity fails the registration check' },
] as const;

describe('device attacks the gateway admission prevents', () => {
  for (const { file, attacked, refusedBy, claim } of CASES) {
    it(`${file}: ${claim}; none accepted or stored`, () => {
      const metric = run(file);
      expect(metric(`iomt.${attacked}_arrived`)).toBeGreaterThan(0);
      expect(metric(`iomt.readings_rejected.${refusedBy}`)).toBe(metric(`iomt.${attacked}_arrived`));
      expect(metric(`iomt.${attacked}_accepted`)).toBe(0);
      expect(metric(`iomt.${attacked}_stored`)).toBe(0);
    });
  }
});
