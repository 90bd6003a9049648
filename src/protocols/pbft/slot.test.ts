import { describe, expect, it } from 'vitest';
import type { Block } from '../../ledger/types.ts';
import type { Signature } from '../../ledger/crypto.ts';
import type { Commit, PrePrepare, Prepare } from './messages.ts';
import { Slot } from './slot.ts';

const sig = { signer: 0, digest: 'd' } as Signature;
const prePrepare = (view: number): PrePrepare => ({ kind: 'pbft-pre-prepare', view, seq: 7, digest: 'd', block: {} as Block, replica: view % 4, sig });
const prepare = (view: number, replica: number): Prepare => ({ kind: 'pbft-prepare', view, seq: 7, digest: 'd', replica, sig });
const commit = (view: number, replica: number): Commit => ({ kind: 'pbft-commit', view, seq: 7, digest: 'd', replica, sig });

/** A slot of 4 replicas prepared and committed in view 0, then pre-prepared again in view 1. */
function usedSlot(): Slot {
  const slot = new Slot(4);
  slot.accept(prePrepare(0));
  for (const i of [1, 2]) slot.prepares[i] = prepare(0, i);
  slot.prepared = true;
  slot.recordProof();
  for (const i of [0, 1, 2]) slot.commits[i] = commit(0, i);
  slot.committed = true;
  slot.voteSentUs = 5;
  slot.commitSentUs = 6;
  slot.accept(prePrepare(1));
  return slot;
}

describe('a PBFT log slot', () => {
  it('is, once cleared, as a new one', () => {
    const slot = usedSlot();
    slot.clear();
    expect(slot).toEqual(new Slot(4));
    expect(slot.proof()).toBeUndefined();
  });

  it('gives its prepared proof as a copy that clearing the slot leaves as it was', () => {
    const slot = usedSlot();
    const proof = slot.proof()!;
    slot.clear();
    expect(proof).toEqual({ prePrepare: prePrepare(0), prepares: [prepare(0, 1), prepare(0, 2)] });
  });

  it('records in its proof the matching prepares it has when it prepares, not those after', () => {
    const slot = usedSlot();
    slot.prepares[3] = prepare(0, 3);
    expect(slot.proof()!.prepares.map((p) => p.replica)).toEqual([1, 2]);
  });
});
