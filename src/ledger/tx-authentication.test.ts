import { describe, expect, it } from 'vitest';
import { ZERO_CRYPTO_COSTS } from './crypto.ts';
import { TxAuthenticator, txAuthenticateCostUs, txCheckCostUs } from './tx-authentication.ts';
import { txId, type Transaction } from './types.ts';

const COSTS = { ...ZERO_CRYPTO_COSTS, signUs: 59, verifyUs: 90, macUs: 1 };

function tx(seq: number): Transaction {
  return { id: txId(7, seq), sender: 7, sizeBytes: 100, payloadDigest: 'ab', submittedUs: 0 };
}

/** Records what the authenticator charges. */
function processor() {
  const calls: { jobs: number; costUsEach: number }[] = [];
  return { calls, cpuParallel: (jobs: number, costUsEach: number) => void calls.push({ jobs, costUsEach }) };
}

describe('txCheckCostUs', () => {
  it('charges a verification for a signature, a MAC for a MAC and nothing for none', () => {
    expect(txCheckCostUs('signature', COSTS)).toBe(90);
    expect(txCheckCostUs('mac', COSTS)).toBe(1);
    expect(txCheckCostUs('none', COSTS)).toBe(0);
  });

  it('falls back to two hashes for a MAC when the table has no measured MAC', () => {
    expect(txCheckCostUs('mac', { signUs: 0, verifyUs: 0, hashUs: 0.5, hashPerKiBUs: 0 })).toBe(1);
  });
});

describe('txAuthenticateCostUs', () => {
  it('charges the submitter a signing for a signature, a MAC for a MAC and nothing for none', () => {
    expect(txAuthenticateCostUs('signature', COSTS)).toBe(59);
    expect(txAuthenticateCostUs('mac', COSTS)).toBe(1);
    expect(txAuthenticateCostUs('none', COSTS)).toBe(0);
  });
});

describe('TxAuthenticator', () => {
  it('checks an admitted transaction once, however often it is re-sent', () => {
    const p = processor();
    const auth = new TxAuthenticator(p, 'signature', COSTS);
    auth.admit(tx(0));
    auth.admit(tx(0));
    expect(p.calls).toEqual([{ jobs: 1, costUsEach: 90 }]);
  });

  it('does not check again at block validation a transaction it admitted', () => {
    const p = processor();
    const auth = new TxAuthenticator(p, 'signature', COSTS);
    auth.admit(tx(1));
    auth.validate([tx(0), tx(1), tx(2)]);
    expect(p.calls).toEqual([{ jobs: 1, costUsEach: 90 }, { jobs: 2, costUsEach: 90 }]);
    expect(auth.checkedCount).toBe(3);
  });

  it('checks the new transactions of a block as one parallel batch, and a block seen again not at all', () => {
    const p = processor();
    const auth = new TxAuthenticator(p, 'mac', COSTS);
    const block = [tx(0), tx(1), tx(2), tx(3)];
    auth.validate(block);
    auth.validate(block);
    expect(p.calls).toEqual([{ jobs: 4, costUsEach: 1 }]);
  });

  it('charges nothing when transactions carry no authenticator', () => {
    const p = processor();
    const auth = new TxAuthenticator(p, 'none', COSTS);
    auth.admit(tx(0));
    auth.validate([tx(1), tx(2)]);
    expect(p.calls).toEqual([]);
  });
});
