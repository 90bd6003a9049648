/** Every ledger client of the world pays for signing what it submits, not only the gateways. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_CRYPTO_COSTS } from '../ledger/index.ts';
import { pbft } from '../protocols/pbft/index.ts';
import type { SubmitEvent } from '../protocols/types.ts';
import { smallWorldConfig } from './testing/small-world.ts';
import { IomtWorld } from './world.ts';

describe('IoMT transaction signing', () => {
  it("charges a patient portal's host one signature per consent revocation it submits", () => {
    const w = new IomtWorld(smallWorldConfig(pbft, { durationUs: 120_000_000, access: { ...smallWorldConfig(pbft).access, revocationsPerHour: 120 } }));
    const portal = w.topology.hostRoles.indexOf('portal');
    let submitted = 0;
    w.engine.observe((host, event) => {
      if (host === portal && (event as SubmitEvent).kind === 'submit') submitted++;
    });
    w.run();
    expect(submitted).toBeGreaterThan(0);
    // A portal submits and does nothing else its host would charge (it asks its node nothing).
    expect(w.engine.cpuBusyUs(portal)).toBeCloseTo(submitted * DEFAULT_CRYPTO_COSTS.signUs, 6);
  });
});
