/**
 * Whether a committed transaction is the one its client submitted: the same sender, payload digest
 * and contract call, arguments compared value by value. A digest alone does not bind the call: in
 * the model a transaction's payloadDigest covers the payload and its call rides beside it, so a
 * replica could keep the digest and change what gets executed.
 */
import type { ContractCall, Transaction } from '../ledger/types.ts';

/** Structural equality of JSON-like values (the arguments of a contract call); key order is free. */
function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const keys = Object.keys(x);
  if (keys.length !== Object.keys(y).length) return false;
  for (const k of keys) if (!Object.hasOwn(y, k) || !sameValue(x[k], y[k])) return false;
  return true;
}

function sameCall(a: ContractCall | undefined, b: ContractCall | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.contract === b.contract && a.method === b.method && sameValue(a.args, b.args);
}

/** `committed` executes what `submitted` asked for (replicas normally commit the very object). */
export function sameSubmission(submitted: Transaction, committed: Transaction): boolean {
  return submitted === committed || (submitted.sender === committed.sender && submitted.payloadDigest === committed.payloadDigest && sameCall(submitted.call, committed.call));
}
