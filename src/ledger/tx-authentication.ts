/**
 * Transaction authentication as a property of the ledger, not of the protocol that orders it
 * (docs/references.md §6): every transaction carries a signature (the default: device readings,
 * anchors, consent and access records are kept for non-repudiation), a MAC, or nothing, and every
 * replica checks it where real ledgers do.
 *
 * - At admission, on the replica a request reaches (CometBFT's CheckTx, Fabric's orderer signature
 *   filter at Broadcast, geth's and Bitcoin Core's mempool acceptance). Gossip protocols check a
 *   transaction when it arrives, before relaying it (`admit`). A leader-based replica's admission
 *   checks are independent of its state machine and real orderers run them concurrently (Fabric: one
 *   Broadcast handler per client stream), so they are charged as one parallel batch when the
 *   replica first uses the requests: when it cuts the batch it proposes (`validate`). Under load
 *   that batch holds every request that arrived since the previous one, and c cores check them c
 *   at a time, as a verification pool would.
 * - At block validation, on a replica that meets the transaction only inside a proposal (Fabric's
 *   committing peers, Bitcoin Core's ConnectBlock): one check per transaction not checked before,
 *   spread over the host's cores, as Fabric's committer and geth's sender recovery run them.
 *
 * A replica checks each transaction once: one it checked is not checked again when it arrives in a
 * block, when it is re-sent, or when a later view proposes it again (Bitcoin Core's signature and
 * script caches; CometBFT's mempool cache).
 */
import { macCostUs, type CryptoCosts } from './crypto.ts';
import { TxIdSet } from './txid-set.ts';
import type { Transaction } from './types.ts';

/** What a transaction carries for its checks: a signature, a MAC (a key shared with the ledger), or nothing. */
export const TX_AUTH_MODES = ['signature', 'mac', 'none'] as const;
export type TxAuth = (typeof TX_AUTH_MODES)[number];

/** Signatures: the ledger's records must be attributable to their author (non-repudiation). */
export const DEFAULT_TX_AUTH: TxAuth = 'signature';

/** Virtual µs one replica spends checking one transaction's authenticator. */
export function txCheckCostUs(auth: TxAuth, costs: CryptoCosts): number {
  if (auth === 'signature') return costs.verifyUs;
  if (auth === 'mac') return macCostUs(costs);
  return 0;
}

/**
 * Virtual µs a submitter spends making one transaction's authenticator, the counterpart of each
 * replica's check (txCheckCostUs): signing it, or computing its MAC.
 */
export function txAuthenticateCostUs(auth: TxAuth, costs: CryptoCosts): number {
  if (auth === 'signature') return costs.signUs;
  if (auth === 'mac') return macCostUs(costs);
  return 0;
}

/** Where the checks' CPU time is charged: the replica's host, independent checks spread over its cores. */
export interface TxCheckProcessor {
  cpuParallel(jobs: number, costUsEach: number): void;
}

/** One replica's checks of transaction authenticators, each transaction checked at most once. */
export class TxAuthenticator {
  readonly checkCostUs: number;
  private readonly checked = new TxIdSet();

  constructor(private readonly processor: TxCheckProcessor, auth: TxAuth, costs: CryptoCosts) {
    this.checkCostUs = txCheckCostUs(auth, costs);
  }

  /** Transactions this replica has checked so far. */
  get checkedCount(): number {
    return this.checked.size;
  }

  /** A transaction reached this replica to be relayed: check it now unless this replica already did. */
  admit(tx: Transaction): void {
    if (this.checkCostUs === 0) return;
    if (this.checked.add(tx.id)) this.processor.cpuParallel(1, this.checkCostUs);
  }

  /** This replica proposes or received a proposal of `txs`: check, in parallel, those it has not checked before. */
  validate(txs: readonly Transaction[]): void {
    if (this.checkCostUs === 0) return;
    let fresh = 0;
    for (let k = 0; k < txs.length; k++) if (this.checked.add(txs[k]!.id)) fresh++;
    if (fresh > 0) this.processor.cpuParallel(fresh, this.checkCostUs);
  }
}
