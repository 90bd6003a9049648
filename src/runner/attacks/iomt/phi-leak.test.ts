/**
 * The phi-leak scenario scores the PHI inspector against the attack's ground truth, and that score
 * can fail: an inspector that misses a rule loses recall, one that flags honest calls gains false
 * positives, and either turns the scenario's own expectations against it (iomtsim run exits 1).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PhiInspector } from '../../../iomt/phi-inspector.ts';
import type { Transaction } from '../../../ledger/index.ts';
import { runBundled } from '../../testing/bundled-verdict.ts';

const SCENARIO = 'attacks/phi-leak.yaml';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('phi-leak', () => {
  it('as shipped: PHI on chain, every committed leaking anchor flagged and no honest transaction', async () => {
    const v = await runBundled(SCENARIO);
    expect(v.metric('iomt.phi_bytes_on_chain')).toBeGreaterThan(0);
    expect(v.metric('attack.phi_leak.leaking_txs')).toBeGreaterThan(0);
    expect(v.metric('attack.phi_leak.leaking_txs_flagged')).toBe(v.metric('attack.phi_leak.leaking_txs'));
    expect(v.metric('attack.phi_leak.false_positives')).toBe(0);
    expect(v.failures).toEqual([]);
  }, 60_000);

  it('an inspector without the real-identifier look-up misses the record numbers written where pseudonyms belong', async () => {
    // Broken rule 3: the `patient: pt_mrn…` leak has an allowed field and shape, so nothing else catches it.
    vi.spyOn(PhiInspector.prototype as unknown as { containsIdentifier(text: string): boolean }, 'containsIdentifier').mockReturnValue(false);
    const v = await runBundled(SCENARIO);
    expect(v.metric('attack.phi_leak.recall')).toBeLessThan(1);
    expect(v.metric('iomt.phi_bytes_on_chain')).toBeGreaterThan(0);
    expect(v.failures).toEqual(['expect attack.phi_leak.recall == 1']);
    expect(v.passed).toBe(false);
  }, 60_000);

  it('an inspector that flags every anchoring call is caught by its false positives', async () => {
    const inspect = PhiInspector.prototype.inspect;
    vi.spyOn(PhiInspector.prototype, 'inspect').mockImplementation(function (this: PhiInspector, tx: Transaction) {
      inspect.call(this, tx);
      if (tx.call?.method === 'anchor') this.flaggedTxs.add(tx.id);
    });
    const v = await runBundled(SCENARIO);
    expect(v.metric('attack.phi_leak.false_positives')).toBeGreaterThan(0);
    expect(v.failures).toEqual(['expect attack.phi_leak.false_positives == 0']);
  }, 60_000);
});
