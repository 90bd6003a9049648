/**
 * Measures this machine's cryptographic speed and returns a cost table for the crypto model. This
 * is the one place in the models' support code that reads the wall clock: it times real work, and
 * its result is data (a scenario can pin it), never an input a run reads implicitly.
 */
import { createHash, createHmac, generateKeyPairSync, sign, verify } from 'node:crypto';
import type { CryptoCosts } from '../ledger/crypto.ts';
import { median } from '../stats/index.ts';

export interface CalibrationOptions {
  /** Wall time to spend on each operation, ms. */
  readonly budgetMsPerOperation?: number;
}

/** Calls timed together; the estimate is the median over batches. */
const BATCH_CALLS = 100;

/**
 * µs per call of `op`: the median of batches of BATCH_CALLS calls, run until the budget is spent
 * (at least three batches). A mean over the whole budget took in whatever else the machine did
 * meanwhile, a collection or another process's time slice, and on a loaded machine measured Ed25519
 * signing dearer than verifying; the median leaves out batches that such a pause fell in.
 */
export function timeUs(op: (i: number) => void, budgetMs: number): number {
  for (let i = 0; i < 200; i++) op(i); // warm up the JIT and OpenSSL
  const batchNs: number[] = [];
  let calls = 0;
  const start = process.hrtime.bigint();
  const budgetNs = BigInt(Math.round(budgetMs * 1e6));
  while (batchNs.length < 3 || process.hrtime.bigint() - start < budgetNs) {
    const batchStart = process.hrtime.bigint();
    for (let i = 0; i < BATCH_CALLS; i++) op(calls + i);
    calls += BATCH_CALLS;
    batchNs.push(Number(process.hrtime.bigint() - batchStart));
  }
  return median(batchNs) / 1000 / BATCH_CALLS;
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
