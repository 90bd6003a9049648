/**
 * A protocol whose replicas record the CPU time they charge, serial (`cpu`) apart from parallel
 * batches (`cpuParallel`: transaction checks, and PBFT's view-change certificates), with
 * transactions carrying a chosen authenticator: tests of where and how often each protocol checks
 * transactions (src/ledger/tx-authentication.ts). Only tests import it.
 */
import { expect } from 'vitest';
import { forwardingContext, type ActorContext } from '../../../sim/index.ts';
import type { TxAuth } from '../../ledger/tx-authentication.ts';
import type { ProtocolDefinition } from '../definition.ts';

export interface CpuLog {
  /** µs charged with `cpu`. */
  serialUs: number;
  /** Every `cpuParallel` call, in order. */
  readonly parallel: { readonly jobs: number; readonly costUsEach: number }[];
}

/** `protocol` with every replica's transactions carrying `txAuth`; `logs[i]` is replica i's record. */
export function spiedProtocol(protocol: ProtocolDefinition, txAuth: TxAuth): { readonly protocol: ProtocolDefinition; readonly logs: CpuLog[] } {
  const logs: CpuLog[] = [];
  const spied: ProtocolDefinition = {
    ...protocol,
    createReplica: (ctx, config, app) => {
      const log: CpuLog = { serialUs: 0, parallel: [] };
      logs[config.index] = log;
      return protocol.createReplica(recording(ctx, log), { ...config, txAuth }, app);
    },
  };
  return { protocol: spied, logs };
}

function recording(ctx: ActorContext<unknown>, log: CpuLog): ActorContext<unknown> {
  return forwardingContext(ctx, {
    cpu: (costUs) => {
      log.serialUs += costUs;
      ctx.cpu(costUs);
    },
    cpuParallel: (jobs, costUsEach) => {
      log.parallel.push({ jobs, costUsEach });
      ctx.cpuParallel(jobs, costUsEach);
    },
  });
}

/**
 * Transactions checked, from a log: the jobs of every parallel batch, or only of those at
 * `costUsEach` where other parallel work (a view change's certificates) runs beside them.
 */
export function checkedTxs(log: CpuLog, costUsEach?: number): number {
  return log.parallel.reduce((sum, p) => (costUsEach === undefined || p.costUsEach === costUsEach ? sum + p.jobs : sum), 0);
}

/**
 * Each of `n` replicas checked exactly `txs` transactions, one at a time as they arrived (none again
 * in a block), and its processor time is its own serial work plus those checks at `verifyUs` each.
 */
export function expectEachChecksOnArrival(busyUs: (i: number) => number, logs: readonly CpuLog[], n: number, txs: number, verifyUs: number): void {
  for (let i = 0; i < n; i++) {
    expect(checkedTxs(logs[i]!)).toBe(txs);
    expect(logs[i]!.parallel.every((p) => p.jobs === 1)).toBe(true);
    expect(busyUs(i)).toBe(logs[i]!.serialUs + txs * verifyUs);
  }
}

/** No replica checked a transaction: processor time is serial work only. */
export function expectNoTxChecks(busyUs: (i: number) => number, logs: readonly CpuLog[], n: number): void {
  for (let i = 0; i < n; i++) {
    expect(logs[i]!.parallel).toEqual([]);
    expect(busyUs(i)).toBe(logs[i]!.serialUs);
  }
}
