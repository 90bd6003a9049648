/**
 * Real SHA-256 for contract state and hash chains (ARCHITECTURE: hashes that structure data are
 * real). `node:crypto`'s one-shot `hash` is the fastest SHA-256 available to us (≈0.6 µs for a
 * short input on the reference host).
 */
import { hash } from 'node:crypto';

export function sha256Hex(text: string): string {
  contractWork.hashes++;
  contractWork.hashedBytes += text.length; // contract text is ASCII (ids, pseudonyms, hex digests)
  return hash('sha256', text, 'hex');
}

/**
 * Running totals of the work contract code does: every SHA-256 it computes, and every access to a
 * key of its state that a call makes (touchState). IomtLedgerApp.execute reads the difference
 * across one call, which runs synchronously and alone, and reports it for the replica to charge
 * (src/protocols/execution-work.ts). Only those differences mean anything; the totals also count
 * work outside calls (genesis, digests, queries), which nobody charges from here.
 */
export const contractWork = { hashes: 0, hashedBytes: 0, stateAccesses: 0 };

/** Count `n` reads or writes of keys in contract state (a lookup or update in the state store). */
export function touchState(n = 1): void {
  contractWork.stateAccesses += n;
}

/** Canonical text of plain data: keys sorted, so equal states give equal digests. */
export function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(obj[k])}`).join(',')}}`;
}
