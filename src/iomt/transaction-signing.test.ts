/** Every ledger client of the world pays for signing what it submits, not only the gateways. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_CRYPTO_COSTS, macCostUs } from '../ledger/index.ts';
import { pbft } from '../protocols/pbft/index.ts';
import type { ConfirmedEvent, SubmitEvent } from '../protocols/types.ts';
import { smallWorldConfig } from './testing/small-world.ts';
import { IomtWorld } from './world.ts';

describe('IoMT transaction signing', () => {
  it("charges a patient portal's host one signature per consent revocation it submits", () => {
    const w = new IomtWorld(smallWorldConfig(pbft, { durationUs: 120_000_000, access: { ...smallWorldConfig(pbft).access, revocationsPerHour: 120 } }));
    const portal = w.topology.hostRoles.indexOf('portal');
    let submitted = 0;
    let confirmed = 0;
    w.engine.observe((host, event) => {
      if (host !== portal) return;
      if ((event as SubmitEvent).kind === 'submit') submitted++;
      else if ((event as ConfirmedEvent).kind === 'confirmed') confirmed++;
    });
    w.run();
    expect(submitted).toBeGreaterThan(0);
    // A portal submits, checks the MACs of the f + 1 = 2 replies that confirm each submission
    // (ledger-reply-checks.test.ts), and does nothing else its host would charge (it asks its node nothing).
    const replyChecksUs = confirmed * 2 * macCostUs(DEFAULT_CRYPTO_COSTS);
    expect(w.engine.cpuBusyUs(portal)).toBeCloseTo(submitted * DEFAULT_CRYPTO_COSTS.signUs + replyChecksUs, 6);
  });
});
