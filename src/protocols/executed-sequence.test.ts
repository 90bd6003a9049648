import { describe, expect, it } from 'vitest';
import { txId, type Transaction } from '../ledger/types.ts';
import { ExecutedSequence } from './executed-sequence.ts';

const tx = (sender: number, seq: number): Transaction => ({ id: txId(sender, seq), sender, sizeBytes: 10, payloadDigest: 'd', submittedUs: 0 });

function digestOf(txs: readonly Transaction[]): string {
  const app = new ExecutedSequence();
  for (const t of txs) app.execute(t);
  return app.stateDigest();
}

describe('ExecutedSequence', () => {
  const a = tx(3, 0), b = tx(3, 1), c = tx(70_000, 5);

  it('gives replicas that executed the same transactions in the same order the same state', () => {
    expect(digestOf([a, b, c])).toBe(digestOf([a, b, c]));
  });

  it('tells apart another order, a missing transaction and one executed twice', () => {
    const states = [digestOf([a, b, c]), digestOf([b, a, c]), digestOf([a, c]), digestOf([a, b, b, c]), digestOf([])];
    expect(new Set(states).size).toBe(states.length);
  });

  it('tells apart ids that differ only above 32 bits', () => {
    const low = { ...a, id: 5 }, high = { ...a, id: 5 + 2 ** 32 };
    expect(digestOf([low])).not.toBe(digestOf([high]));
  });
});
