/**
 * Reading a contract call's arguments. A call comes from a client that may be faulty or malicious,
 * so every argument is checked; a bad call is rejected deterministically (the same way on every
 * replica), never thrown past the contract.
 */
export class CallRejected extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

export function str(args: Readonly<Record<string, unknown>>, name: string): string {
  const v = args[name];
  if (typeof v !== 'string' || v.length === 0) throw new CallRejected(`bad-arg:${name}`);
  return v;
}

export function int(args: Readonly<Record<string, unknown>>, name: string): number {
  const v = args[name];
  if (typeof v !== 'number' || !Number.isSafeInteger(v)) throw new CallRejected(`bad-arg:${name}`);
  return v;
}

export function bool(args: Readonly<Record<string, unknown>>, name: string): boolean {
  const v = args[name];
  if (typeof v !== 'boolean') throw new CallRejected(`bad-arg:${name}`);
  return v;
}

export function oneOf<T extends string>(args: Readonly<Record<string, unknown>>, name: string, allowed: readonly T[]): T {
  const v = args[name];
  if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) throw new CallRejected(`bad-arg:${name}`);
  return v as T;
}

const HEX64 = /^[0-9a-f]{64}$/;
export function digest(args: Readonly<Record<string, unknown>>, name: string): string {
  const v = args[name];
  if (typeof v !== 'string' || !HEX64.test(v)) throw new CallRejected(`bad-arg:${name}`);
  return v;
}
