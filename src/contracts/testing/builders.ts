/** Builders for contract tests: transactions and blocks without a consensus protocol. */
import type { Block, ContractCall, Transaction } from '../../ledger/types.ts';

let nextId = 1;

export function callTx(sender: number, contract: string, method: string, args: Record<string, unknown>, submittedUs = 0): Transaction {
  const call: ContractCall = { contract, method, args };
  return { id: nextId++, sender, sizeBytes: 200, payloadDigest: '', submittedUs, call };
}

export function blockOf(height: number, timestampUs: number, txs: readonly Transaction[]): Block {
  return { hash: `b${height}`, parentHash: `b${height - 1}`, height, proposer: 0, timestampUs, merkleRoot: '', txs, sizeBytes: 0 };
}
