/**
 * AuditLog: every access decision, consent change and alert as an entry shaped like FHIR R5
 * AuditEvent (type, action C/R/U/D/E, recorded, outcome, agent, entity, purpose), chained by
 * SHA-256 so that removing or altering any entry changes every later head (tamper evidence).
 */
import { sha256Hex, touchState } from './digest.ts';

export interface AuditEntry {
  readonly type: 'access' | 'break-glass' | 'consent' | 'alert' | 'device';
  /** FHIR AuditEvent.action: C create, R read, U update, D delete, E execute. */
  readonly action: 'C' | 'R' | 'U' | 'D' | 'E';
  /** Block timestamp, µs. */
  readonly recordedUs: number;
  /** 'success' or the reason for refusal. */
  readonly outcome: string;
  /** Pseudonym of who acted. */
  readonly agent: string;
  /** Pseudonym or id of what was acted on. */
  readonly entity: string;
  readonly purpose: string;
  /** Request or object id this entry is about (links the entry to the access it records). */
  readonly ref: string;
}

export const AUDIT_GENESIS = '0'.repeat(64);

export class AuditLog {
  readonly entries: AuditEntry[] = [];
  head = AUDIT_GENESIS;

  append(e: AuditEntry): void {
    touchState();
    this.entries.push(e);
    this.head = chainNext(this.head, e);
  }

  /** Make this log an independent copy of `source` (a replica starting from a shared genesis). */
  copyFrom(source: AuditLog): void {
    this.entries.length = 0;
    for (const e of source.entries) this.entries.push({ ...e });
    this.head = source.head;
  }

  digest(): string {
    return `${this.entries.length}:${this.head}`;
  }
}

/** Recompute the chain from genesis; true when it reproduces `head` (detects any edit). */
export function verifyAuditChain(entries: readonly AuditEntry[], head: string): boolean {
  let h = AUDIT_GENESIS;
  for (const e of entries) h = chainNext(h, e);
  return h === head;
}

/** Next head: SHA-256 over the previous head and the entry's fields in a fixed order (JSON-quoted, so no field can spill into the next). */
function chainNext(head: string, e: AuditEntry): string {
  return sha256Hex(`${head}|${e.type}|${e.action}|${e.recordedUs}|${JSON.stringify(e.outcome)}|${JSON.stringify(e.agent)}|${JSON.stringify(e.entity)}|${JSON.stringify(e.purpose)}|${JSON.stringify(e.ref)}`);
}
