/**
 * What became of the altered records stores served: each served record reported altered where it
 * left its store's host (iomt-record-served, ground truth) is followed to its reader's integrity check of the same request
 * (iomt-integrity-check), matched by requester and id (requestKey, as AccessControl keys a request:
 * another requester's request of the same id is another request, and its check not this record's). A record checked against its anchored Merkle root must fail its inclusion
 * proof (RFC 9162 §2.1.3.2): `caught` counts those that did, `passed` those that verified, which
 * only a broken proof check or a store that rebuilt its tree from the altered records would let
 * through. A read still unchecked (its root not yet anchored, its answer lost, the run over) is in
 * neither. Knowing both served and checked tells an alteration no reader ever read from one that
 * was read and missed.
 */
import { requestKey } from '../contracts/index.ts';
import type { IomtEvent } from './events.ts';

type RecordServed = Extract<IomtEvent, { kind: 'iomt-record-served' }>;
type IntegrityCheck = Extract<IomtEvent, { kind: 'iomt-integrity-check' }>;

export interface AlteredReadCounts {
  /** Altered records the stores served. */
  readonly served: number;
  /** Of those, records whose reader's integrity check failed. */
  readonly caught: number;
  /** Of those, records whose reader's integrity check passed. */
  readonly passed: number;
}

export class AlteredReads {
  /** Requests (requestKey) whose served record was altered, until their integrity check comes. */
  private readonly awaitingCheck = new Set<string>();
  private served = 0;
  private caught = 0;
  private passed = 0;

  onServed(e: RecordServed): void {
    if (!e.altered) return;
    this.served++;
    // A read that names no request (an insider's) is never checked.
    if (e.request !== '') this.awaitingCheck.add(requestKey(e.requester, e.request));
  }

  onIntegrityCheck(e: IntegrityCheck): void {
    if (!this.awaitingCheck.delete(requestKey(e.requester, e.request))) return;
    if (e.outcome === 'invalid') this.caught++;
    else if (e.outcome === 'valid') this.passed++;
  }

  counts(): AlteredReadCounts {
    return { served: this.served, caught: this.caught, passed: this.passed };
  }
}
