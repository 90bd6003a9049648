/**
 * A former grantee asks AccessControl as a clinician would; the contract decides without knowing
 * intent, so the iomt.access_* counts, the records served and the integrity checks cover its
 * requests as they cover the honest clients' (the attack.consent_misuse.* metrics say which were
 * the attacker's).
 */
import { describe, expect, it } from 'vitest';
import type { IomtEvent } from '../iomt/events.ts';
import { loadScenario } from '../scenario/index.ts';
import { runIomtWorld } from './testing/run.ts';

describe('consent-misuse in the iomt.access_* counts', () => {
  for (const name of ['consent-expired', 'consent-revoked']) {
    it(`${name}: every request of the former grantee's that was decided is reported decided, and the access counts add up`, () => {
      const { scenario } = loadScenario(`scenarios/attacks/${name}.yaml`);
      let misuseDecided = 0;
      const observers = [
        (_h: number, e: { readonly kind: string }) => {
          if (e.kind === 'iomt-access-decided' && (e as Extract<IomtEvent, { kind: 'iomt-access-decided' }>).request.startsWith('req_misuse_')) misuseDecided++;
        },
      ];
      const m = runIomtWorld(scenario, scenario.seed, { observers }).metrics;
      const v = (k: string) => m[k]!.value;
      expect(v('attack.consent_misuse.requests')).toBeGreaterThan(100);
      expect(misuseDecided).toBe(v('attack.consent_misuse.requests'));
      expect(v('iomt.access_requests')).toBeGreaterThan(v('attack.consent_misuse.requests'));
      expect(v('iomt.access_requests')).toBe(v('iomt.access_permitted') + v('iomt.access_denied') + v('iomt.access_break_glass'));
      // Every permitted read was answered or given up, and every record served was checked, before the end: none in flight.
      expect(v('iomt.records_served')).toBe(v('iomt.access_permitted') + v('iomt.access_break_glass') - v('iomt.integrity_checks_not_found') - v('iomt.integrity_checks_refused') - v('iomt.integrity_checks_unanswered'));
      expect(v('iomt.records_served')).toBe(v('iomt.integrity_checks_valid') + v('iomt.integrity_checks_invalid') + v('iomt.integrity_checks_unanchored'));
    });
  }
});
