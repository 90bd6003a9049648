import { describe, expect, it } from 'vitest';
import type { ActorContext, ModelEvent } from '../../sim/index.ts';
import { KeyRing, merkleProof, merkleRoot, ZERO_CRYPTO_COSTS, type CryptoCosts, type Transaction } from '../ledger/index.ts';
import { AccessRequester, READ_DEADLINE_US } from './access-requester.ts';
import type { LedgerClient } from './ledger-client.ts';
import type { NodeQueries } from './node-link.ts';
import { ENROLMENT_AUTHORITY_SIGNER, enrolReader } from './reader-credential.ts';

const RING = new KeyRing('symbolic', 1);
const CREDENTIAL = enrolReader(RING, RING.issue(ENROLMENT_AUTHORITY_SIGNER), 'cl_a', 1);

/** The id the requester's node queries give the question of a record's anchored root. */
const ROOT_QUERY = 42;

/**
 * A requester whose request 7, submitted at time 0, is permitted at `decidedUs` (its read goes out
 * then); what it emits and the CPU time charged after the read went out are kept, and its clock can be moved.
 */
function permitted(crypto: CryptoCosts = ZERO_CRYPTO_COSTS, decidedUs = 0): { requester: AccessRequester; emitted: ModelEvent[]; clock: { nowUs: number }; cpu: () => number } {
  const emitted: ModelEvent[] = [];
  const clock = { nowUs: 0 };
  let cpuUs = 0;
  const ctx = {
    get nowUs() {
      return clock.nowUs;
    },
    emit: (e: ModelEvent) => emitted.push(e),
    send: () => {},
    cpu: (us: number) => void (cpuUs += us),
  } as unknown as ActorContext<unknown>;
  const ledger = { submit: () => ({ id: 1, submittedUs: 0 }) as unknown as Transaction } as unknown as LedgerClient;
  const queries = { ask: () => ROOT_QUERY, answered: () => true } as unknown as NodeQueries;
  const requester = new AccessRequester(ctx, ledger, queries, CREDENTIAL, RING, crypto, 'clinician');
  requester.request(7, 'req_1_7', { patient: 0, pseudonym: 'pt_0', device: 0, store: 9 }, 'TREAT', false);
  clock.nowUs = decidedUs;
  requester.decided(7, { id: 1, submittedUs: 0 } as unknown as Transaction, { q: 'access-decision', request: 'req_1_7', decision: 'permit' } as never);
  cpuUs = 0;
  return { requester, emitted, clock, cpu: () => cpuUs };
}

const outcomes = (emitted: readonly ModelEvent[]) => emitted.filter((e) => e.kind === 'iomt-integrity-check').map((e) => (e as unknown as { outcome: string }).outcome);

describe('AccessRequester', () => {
  it("charges its host the proof check of a record it receives: the record's hash and one per sibling on its path", () => {
    const { requester, emitted, cpu } = permitted({ ...ZERO_CRYPTO_COSTS, hashUs: 1 });
    const leaves = [0, 1, 2, 3, 4].map((i) => Uint8Array.of(i));
    const proof = merkleProof(leaves, 2);
    expect(proof.path).toHaveLength(3);
    requester.onRecord({ kind: 'get-reply', token: 7, found: { gateway: 3, batch: 0, record: leaves[2]!, proof } });
    requester.onAnswer({ kind: 'node-answer', id: ROOT_QUERY, height: 5, body: { q: 'anchor-root', root: merkleRoot(leaves) } });
    expect(outcomes(emitted)).toEqual(['valid']);
    expect(cpu()).toBe(1 + 3);
  });

  it('reports a record whose batch root is not anchored yet as unanchored, and one that does not match its proof as invalid', () => {
    const leaves = [0, 1, 2, 3].map((i) => Uint8Array.of(i));
    const proof = merkleProof(leaves, 2);
    const unanchored = permitted();
    unanchored.requester.onRecord({ kind: 'get-reply', token: 7, found: { gateway: 3, batch: 0, record: leaves[2]!, proof } });
    unanchored.requester.onAnswer({ kind: 'node-answer', id: ROOT_QUERY, height: 5, body: { q: 'anchor-root', root: undefined } });
    // The record changed after anchoring (its proof was built over the original).
    const altered = permitted();
    altered.requester.onRecord({ kind: 'get-reply', token: 7, found: { gateway: 3, batch: 0, record: Uint8Array.of(9), proof } });
    altered.requester.onAnswer({ kind: 'node-answer', id: ROOT_QUERY, height: 5, body: { q: 'anchor-root', root: merkleRoot(leaves) } });
    expect([...outcomes(unanchored.emitted), ...outcomes(altered.emitted)]).toEqual(['unanchored', 'invalid']);
  });

  it('dates an integrity check from its read going out to the store, not from the access request before it', () => {
    // Requested at 0, permitted and read at 3 s: iomt.integrity_check_latency_ms counts from 3 s.
    const { requester, emitted } = permitted(ZERO_CRYPTO_COSTS, 3_000_000);
    requester.onRecord({ kind: 'get-reply', token: 7 });
    expect(emitted.filter((e) => e.kind === 'iomt-integrity-check')).toMatchObject([{ requestedUs: 3_000_000, outcome: 'not-found' }]);
  });

  it('reports a read the store refused as refused, not as a record not found', () => {
    const { requester, emitted } = permitted();
    requester.onRecord({ kind: 'get-reply', token: 7, denied: true });
    expect(outcomes(emitted)).toEqual(['refused']);
  });

  it('reports a read the store answered without a record as not found', () => {
    const { requester, emitted } = permitted();
    requester.onRecord({ kind: 'get-reply', token: 7 });
    expect(outcomes(emitted)).toEqual(['not-found']);
  });

  it('gives up a read its store has not answered by the deadline, reports it unanswered once, and ignores a late answer', () => {
    const { requester, emitted, clock } = permitted();
    clock.nowUs = READ_DEADLINE_US - 1;
    requester.giveUpUnanswered();
    expect(outcomes(emitted)).toEqual([]);
    clock.nowUs = READ_DEADLINE_US;
    requester.giveUpUnanswered();
    requester.giveUpUnanswered();
    expect(outcomes(emitted)).toEqual(['unanswered']);
    expect(requester.onRecord({ kind: 'get-reply', token: 7 })).toBeUndefined();
    expect(outcomes(emitted)).toEqual(['unanswered']);
  });

  it('gives up no request still waiting for its decision: only reads wait on the store', () => {
    const { requester, emitted, clock } = permitted();
    requester.request(8, 'req_1_8', { patient: 0, pseudonym: 'pt_0', device: 0, store: 9 }, 'TREAT', false);
    requester.onRecord({ kind: 'get-reply', token: 7 });
    clock.nowUs = 10 * READ_DEADLINE_US;
    requester.giveUpUnanswered();
    expect(outcomes(emitted)).toEqual(['not-found']);
  });
});
