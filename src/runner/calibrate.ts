/**
 * Measures this machine's cryptographic speed and returns a cost table for the crypto model. This
 * is the one place in the models' support code that reads the wall clock: it times real work, and
 * its result is data (a scenario can pin it), never an input a run reads implicitly.
 */
import { createHash, createHmac, generateKeyPairSync, sign, verify } from 'node:crypto';
import type { CryptoCosts } from '../ledger/crypto.ts';

export interface CalibrationOptions {
  /** Wall time to spend on each operation, ms. */
  readonly budgetMsPerOperation?: number;
}

/** Mean µs per call of `op`, run in batches until the budget is spent. */
function timeUs(op: (i: number) => void, budgetMs: number): number {
  for (let i = 0; i < 200; i++) op(i); // warm up the JIT and OpenSSL
  let calls = 0;
  const start = process.hrtime.bigint();
  const budgetNs = BigInt(Math.round(budgetMs * 1e6));
  let elapsed = 0n;
  while (elapsed < budgetNs) {
    for (let i = 0; i < 100; i++) op(calls + i);
    calls += 100;
    elapsed = process.hrtime.bigint() - start;
  }
  return Number(elapsed) / 1000 / calls;
}

/** Ed25519 sign and verify, SHA-256 of 64 B and 1 KiB, HMAC-SHA-256 of a digest, on this host. */
export function calibrateCrypto(options: CalibrationOptions = {}): CryptoCosts {
  const budget = options.budgetMsPerOperation ?? 200;
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const msg = Buffer.alloc(64, 7);
  const sig = sign(null, msg, privateKey);
  const kib = Buffer.alloc(1024, 3);
  const small = Buffer.alloc(64, 5);
  const signUs = timeUs(() => sign(null, msg, privateKey), budget);
  const verifyUs = timeUs(() => verify(null, msg, publicKey, sig), budget);
  const hashSmallUs = timeUs(() => createHash('sha256').update(small).digest(), budget);
  const hashKiBUs = timeUs(() => createHash('sha256').update(kib).digest(), budget);
  const macUs = timeUs(() => createHmac('sha256', msg).update(small.subarray(0, 32)).digest(), budget);
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return {
    signUs: round(signUs),
    verifyUs: round(verifyUs),
    hashUs: round(hashSmallUs),
    hashPerKiBUs: round(Math.max(0, hashKiBUs - hashSmallUs)),
    macUs: round(macUs),
  };
}
