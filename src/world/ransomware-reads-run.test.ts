/**
 * Reads of a store that is down: the clinicians' reads the ransomware window leaves unanswered are
 * counted (iomt.integrity_checks_unanswered), so every permitted read ends in one integrity count.
 */
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../scenario/index.ts';
import { runIomtWorld } from './testing/run.ts';

describe('reads of a store that ransomware took down', () => {
  it('are counted unanswered, and the integrity counts add up to the reads permitted', () => {
    const { scenario } = loadScenario('scenarios/attacks/ransomware.yaml');
    const m = runIomtWorld(scenario, scenario.seed).metrics;
    const v = (k: string) => m[k]!.value;
    // 4 clinicians at 600 requests/h, about half of them permitted: some 20 reads in the 60 s the store is down.
    expect(v('iomt.integrity_checks_unanswered')).toBeGreaterThan(10);
    const answered = v('iomt.integrity_checks_valid') + v('iomt.integrity_checks_invalid') + v('iomt.integrity_checks_unanchored') + v('iomt.integrity_checks_not_found') + v('iomt.integrity_checks_refused');
    // Every read reached its verdict or was given up before the end: none in flight.
    expect(answered + v('iomt.integrity_checks_unanswered')).toBe(v('iomt.access_permitted') + v('iomt.access_break_glass'));
    expect(v('iomt.records_served')).toBe(v('iomt.integrity_checks_valid') + v('iomt.integrity_checks_invalid') + v('iomt.integrity_checks_unanchored'));
  });
});
