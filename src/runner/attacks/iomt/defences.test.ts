/**
 * The device attacks' "accepted" and "stored" counts can fail. Each test breaks one defence (a
 * gateway admission check, src/iomt/admission.ts) or strengthens the attacker past the threat the
 * defence answers (a stolen key), runs the bundled scenario that claims prevention, and shows the
 * forged items accepted at the gateway and stored by the record store, and the scenario's own
 * expectations failing: `iomtsim run` would exit 1.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ActorContext } from '../../../../sim/index.ts';
import { ACTOR_KINDS } from '../../../iomt/actor-kinds.ts';
import { Admission } from '../../../iomt/admission.ts';
import type { GatewayOptions } from '../../../iomt/gateway.ts';
import type { ReadingMessage } from '../../../iomt/reading.ts';
import { runBundled } from '../../testing/bundled-verdict.ts';

/** Admission's defences, one method each (private: reached here to switch one off). */
type Defences = {
  registeredKey(m: ReadingMessage): number;
  signedWith(m: ReadingMessage, key: number): boolean;
  replayed(slot: number, m: ReadingMessage): boolean;
};
const defences = Admission.prototype as unknown as Defences;

afterEach(() => {
  vi.restoreAllMocks();
});

describe('device attacks against broken defences', () => {
  it('tamper: a gateway that skips the signature check accepts and stores the altered readings', async () => {
    vi.spyOn(defences, 'signedWith').mockReturnValue(true);
    const v = await runBundled('attacks/tamper.yaml');
    expectAcceptedStoredAndCaught(v, 'tampered');
    expect(v.passed).toBe(false);
  }, 60_000);

  it('replay: a gateway that skips the sequence check accepts and stores the replayed copies', async () => {
    vi.spyOn(defences, 'replayed').mockReturnValue(false);
    const v = await runBundled('attacks/replay.yaml');
    expectAcceptedStoredAndCaught(v, 'replayed');
  }, 60_000);

  it('sybil: a gateway that skips the registry check accepts and stores readings of identities never registered', async () => {
    // The broken gateway keeps state for any identity that talks to it (spare slots, none
    // registered: key -1) and trusts the key the reading names instead of the DeviceRegistry's.
    const build = ACTOR_KINDS.gateway;
    vi.spyOn(ACTOR_KINDS, 'gateway').mockImplementation((ctx: ActorContext<unknown>, config: GatewayOptions) => {
      const own = new Set(config.devices.map((d) => d.device));
      const first = config.devices[0]!;
      const spare = Array.from({ length: SPARE_IDENTITIES }, (_, device) => device)
        .filter((device) => !own.has(device))
        .map((device) => ({ ...first, device, name: `unregistered_${device}`, keyId: -1 }));
      return build(ctx, { ...config, devices: [...config.devices, ...spare] });
    });
    vi.spyOn(defences, 'registeredKey').mockImplementation((m) => m.keyId);
    const v = await runBundled('attacks/sybil.yaml');
    expectAcceptedStoredAndCaught(v, 'forged');
  }, 60_000);

  it('tamper with a stolen key: re-signed readings pass an honest gateway (prevention holds only for keys not stolen)', async () => {
    const v = await runBundled('attacks/tamper.yaml', ['attacks.0.stolenKey=true']);
    expectAcceptedStoredAndCaught(v, 'tampered');
    expect(v.metric('iomt.readings_rejected.bad_signature')).toBe(0);
  }, 60_000);
});

/** The attack's readings of `cls` were accepted and stored, and exactly the scenario's two expectations on them fail. */
function expectAcceptedStoredAndCaught(v: Awaited<ReturnType<typeof runBundled>>, cls: string): void {
  expect(v.metric(`iomt.${cls}_accepted`)).toBeGreaterThan(0);
  expect(v.metric(`iomt.${cls}_stored`)).toBeGreaterThan(0);
  expect(v.failures).toEqual([`expect iomt.${cls}_accepted == 0`, `expect iomt.${cls}_stored == 0`]);
}

/** Device numbers the broken gateway keeps state for: above the scenario's 16 devices and 20 Sybil identities. */
const SPARE_IDENTITIES = 64;
