/**
 * One sequence number's entry in a replica's message log (Castro & Liskov 1999, §4.2): the accepted
 * pre-prepare, and the prepares and commits received, one per replica. Votes carry their view, so
 * a vote for another view never counts toward this one.
 */
import type { Block } from '../../ledger/types.ts';
import type { Commit, PrePrepare, Prepare, PreparedProof } from './messages.ts';

export class Slot {
  view = -1;
  digest = '';
  prePrepare: PrePrepare | undefined;
  readonly prepares: (Prepare | undefined)[];
  readonly commits: (Commit | undefined)[];
  prepared = false;
  committed = false;
  /** When this replica last sent its own PRE-PREPARE or PREPARE for the slot, and its COMMIT (status.ts). */
  voteSentUs = -Infinity;
  commitSentUs = -Infinity;
  /** Pm for the highest view in which this replica prepared the slot (kept across views, §4.4). */
  proof: PreparedProof | undefined;
  /** A pre-prepare refused for its block time, until q − 1 backups prepare it (normal-case.ts). */
  refusedForTime: PrePrepare | undefined;

  constructor(n: number) {
    this.prepares = new Array<Prepare | undefined>(n);
    this.commits = new Array<Commit | undefined>(n);
  }

  get block(): Block | undefined {
    return this.prePrepare?.block;
  }

  /** Accept `pp` as this slot's pre-prepare for its view; votes of other views stop counting. */
  accept(pp: PrePrepare): void {
    // A slot committed locally stays committed: its batch is in every later view's O (§4.4).
    if (pp.view !== this.view) this.prepared = false;
    this.view = pp.view;
    this.digest = pp.digest;
    this.prePrepare = pp;
    this.refusedForTime = undefined;
  }

  matchingPrepares(): number {
    let c = 0;
    for (const p of this.prepares) if (p !== undefined && p.view === this.view && p.digest === this.digest) c++;
    return c;
  }

  matchingCommits(): number {
    let c = 0;
    for (const m of this.commits) if (m !== undefined && m.view === this.view && m.digest === this.digest) c++;
    return c;
  }

  /** Pm: the pre-prepare with every matching prepare (§4.4). */
  makeProof(): PreparedProof {
    const prepares: Prepare[] = [];
    for (const p of this.prepares) if (p !== undefined && p.view === this.view && p.digest === this.digest) prepares.push(p);
    return { prePrepare: this.prePrepare!, prepares };
  }
}
