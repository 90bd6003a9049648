import { describe, expect, it } from 'vitest';
import type { ActorContext, ModelEvent } from '../../sim/index.ts';
import { KeyRing, type Transaction } from '../ledger/index.ts';
import { AccessRequester, READ_DEADLINE_US } from './access-requester.ts';
import type { LedgerClient } from './ledger-client.ts';
import type { NodeQueries } from './node-link.ts';
import { ENROLMENT_AUTHORITY_SIGNER, enrolReader } from './reader-credential.ts';

const RING = new KeyRing('symbolic', 1);
const CREDENTIAL = enrolReader(RING, RING.issue(ENROLMENT_AUTHORITY_SIGNER), 'cl_a', 1);

/** A requester whose request 7 is permitted at time 0; what it emits is kept, and its clock can be moved. */
function permitted(): { requester: AccessRequester; emitted: ModelEvent[]; clock: { nowUs: number } } {
  const emitted: ModelEvent[] = [];
  const clock = { nowUs: 0 };
  const ctx = {
    get nowUs() {
      return clock.nowUs;
    },
    emit: (e: ModelEvent) => emitted.push(e),
    send: () => {},
    cpu: () => {},
  } as unknown as ActorContext<unknown>;
  const ledger = { submit: () => ({ id: 1, submittedUs: 0 }) as unknown as Transaction } as unknown as LedgerClient;
  const requester = new AccessRequester(ctx, ledger, {} as NodeQueries, CREDENTIAL, RING, 0, 'clinician');
  requester.request(7, 'req_1_7', { patient: 0, pseudonym: 'pt_0', device: 0, store: 9 }, 'TREAT', false);
  requester.decided(7, { id: 1, submittedUs: 0 } as unknown as Transaction, { q: 'access-decision', request: 'req_1_7', decision: 'permit' } as never);
  return { requester, emitted, clock };
}

const outcomes = (emitted: readonly ModelEvent[]) => emitted.filter((e) => e.kind === 'iomt-integrity-check').map((e) => (e as unknown as { outcome: string }).outcome);

describe('AccessRequester', () => {
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
