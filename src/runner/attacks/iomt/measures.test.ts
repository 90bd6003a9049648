/**
 * The device and consent attack outcomes can fail: run against a framework with the defence
 * switched off or broken, the same measurements report the breach.
 */
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConsentContract } from '../../../contracts/index.ts';
import { OffChainStore } from '../../../iomt/store.ts';
import { simulate } from '../../simulate.ts';
import { loadScenario } from '../../../scenario/load.ts';
import type { AttackSpec } from '../../../scenario/sections/attacks.ts';

const scenarioOf = (name: string) => loadScenario(fileURLToPath(new URL(`../../../../scenarios/attacks/${name}.yaml`, import.meta.url))).scenario;

afterEach(() => {
  vi.restoreAllMocks();
});

describe('device and consent attack outcomes', () => {
  it('stolen-key: without the on-chain response the spoofed readings keep being accepted and nothing is revoked', () => {
    const s = scenarioOf('stolen-key');
    const attacks = s.attacks.map((a): AttackSpec => (a.type === 'stolen-key' ? { ...a, respond: false } : a));
    const m = simulate({ ...s, attacks }, s.seed).metrics;
    expect(m['iomt.spoofed_accepted']!.value).toBeGreaterThan(50);
    expect(m['attack.spoofed_rejected_after_revocation']!.value).toBe(0);
    expect(m['attack.stolen_key_devices_revoked']!.value).toBe(0);
    expect(m['attack.time_to_revoke_ms']).toBeUndefined();
  });

  it('consent-misuse: a Consent contract that ignores expiry and revocation is caught as permits and reads after the end', () => {
    const original = ConsentContract.prototype.permitting;
    // Broken contract, and stores that do not check a permit's consent end: every consent counts as active for ever.
    vi.spyOn(OffChainStore.prototype as unknown as { withinConsent(): boolean }, 'withinConsent').mockReturnValue(true);
    vi.spyOn(ConsentContract.prototype, 'permitting').mockImplementation(function (this: ConsentContract, patient, grantee, purpose) {
      for (const [id, c] of this.consents) if (c.patient === patient && c.grantee === grantee && c.purpose === purpose && c.provision === 'permit') return id;
      return original.call(this, patient, grantee, purpose, 0);
    });
    for (const name of ['consent-expired', 'consent-revoked']) {
      const s = scenarioOf(name);
      const m = simulate(s, s.seed).metrics;
      expect(m['attack.consent_misuse.permitted_after_end']!.value, name).toBeGreaterThan(0);
      expect(m['attack.consent_misuse.unauthorized_reads']!.value, name).toBeGreaterThan(0);
    }
  });
});
