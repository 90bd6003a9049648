import { describe, expect, it } from 'vitest';
import type { ActorContext, ModelEvent } from '../../sim/index.ts';
import type { Transaction } from '../ledger/index.ts';
import { AccessRequester } from './access-requester.ts';
import type { LedgerClient } from './ledger-client.ts';
import type { NodeQueries } from './node-link.ts';

/** A requester whose request 7 is permitted; what it emits and sends is kept. */
function permitted(): { requester: AccessRequester; emitted: ModelEvent[] } {
  const emitted: ModelEvent[] = [];
  const ctx = { nowUs: 0, emit: (e: ModelEvent) => emitted.push(e), send: () => {} } as unknown as ActorContext<unknown>;
  const ledger = { submit: () => ({ id: 1, submittedUs: 0 }) as unknown as Transaction } as unknown as LedgerClient;
  const requester = new AccessRequester(ctx, ledger, {} as NodeQueries, 'cl_a', 'clinician');
  requester.request(7, 'req_1_7', { patient: 0, pseudonym: 'pt_0', device: 0, store: 9 }, 'TREAT', false);
  requester.decided(7, { id: 1, submittedUs: 0 } as unknown as Transaction, { q: 'access-decision', request: 'req_1_7', decision: 'permit' } as never);
  return { requester, emitted };
}

describe('AccessRequester', () => {
  it('reports a read the store refused as refused, not as a record not found', () => {
    const { requester, emitted } = permitted();
    requester.onRecord({ kind: 'get-reply', token: 7, denied: true });
    expect(emitted.filter((e) => e.kind === 'iomt-integrity-check').map((e) => (e as unknown as { outcome: string }).outcome)).toEqual(['refused']);
  });

  it('reports a read the store answered without a record as not found', () => {
    const { requester, emitted } = permitted();
    requester.onRecord({ kind: 'get-reply', token: 7 });
    expect(emitted.filter((e) => e.kind === 'iomt-integrity-check').map((e) => (e as unknown as { outcome: string }).outcome)).toEqual(['not-found']);
  });
});
