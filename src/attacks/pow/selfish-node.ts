/**
 * A selfish mining pool on the network (Eyal & Sirer 2014, Algorithm 1): the same strategy object
 * as the zero-latency race, driven by blocks it mines and blocks the network shows it. Here γ is
 * not a parameter: it is whatever share of honest hash power hears the pool's block first in a
 * tie, which the pool's connectivity (`outboundPeers`) and position set, as in a real network.
 */
import type { ActorContext } from '../../../sim/index.ts';
import type { PowNodeOptions } from '../../protocols/pow/node.ts';
import type { PowBlock } from '../../protocols/pow/types.ts';
import { SelfishMiningStrategy, type SelfishAction } from './selfish-strategy.ts';
import { WithholdingMiner, type AttackWindow } from './withholding-miner.ts';

export class SelfishMinerNode extends WithholdingMiner {
  private strategy = new SelfishMiningStrategy(0);
  /** The pool's block in a tie it is racing (state 0' of Eyal & Sirer), if any. */
  private tieBlock: PowBlock | null = null;
  /** Ties settled by an honest block on the pool's branch, and on the other branch: γ's estimate. */
  tiesWonByHonestOnPool = 0;
  tiesLostToHonest = 0;

  constructor(ctx: ActorContext<unknown>, o: PowNodeOptions, outboundPeers: number, window: AttackWindow) {
    super(ctx, o, outboundPeers, window);
  }

  protected onAttackStart(head: PowBlock): void {
    this.strategy = new SelfishMiningStrategy(head.height);
  }

  protected onOwnBlock(): void {
    this.tieBlock = null; // a tie settled by the pool's own block says nothing about γ
    this.apply(this.strategy.onPoolBlock());
  }

  protected onPublicGrowth(head: PowBlock): void {
    const tie = this.tieBlock;
    if (tie !== null && head.height > tie.height) {
      // The block one above the tie settled it. The public chain can rise by more than one block
      // at once (an orphan arriving before its parent), so that block may sit below the head.
      let settling = head;
      while (settling.height > tie.height + 1) settling = settling.parent!;
      if (settling.parent === tie) this.tiesWonByHonestOnPool++;
      else this.tiesLostToHonest++;
    }
    this.tieBlock = null;
    const racing = this.strategy.privateHeight - this.strategy.publicHeight === 1 && head.height === this.strategy.publicHeight + 1;
    this.apply(this.strategy.onPublicBlock(head.height));
    if (racing) this.tieBlock = this.privateHead;
  }

  /** Share of honest blocks settling a tie that extended the pool's block: γ as the network made it. */
  get effectiveGamma(): number {
    const n = this.tiesWonByHonestOnPool + this.tiesLostToHonest;
    return n > 0 ? this.tiesWonByHonestOnPool / n : NaN;
  }

  private apply(a: SelfishAction): void {
    if (a.kind === 'publish') this.publishUpTo(a.upToHeight);
    else if (a.kind === 'adopt') this.restartFrom(this.publicHead);
  }
}
