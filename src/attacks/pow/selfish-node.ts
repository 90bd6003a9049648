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

  constructor(ctx: ActorContext<unknown>, o: PowNodeOptions, outboundPeers: number, window: AttackWindow) {
    super(ctx, o, outboundPeers, window);
  }

  protected onAttackStart(head: PowBlock): void {
    this.strategy = new SelfishMiningStrategy(head.height);
  }

  protected onOwnBlock(): void {
    this.apply(this.strategy.onPoolBlock());
  }

  protected onPublicGrowth(head: PowBlock): void {
    this.apply(this.strategy.onPublicBlock(head.height));
  }

  private apply(a: SelfishAction): void {
    if (a.kind === 'publish') this.publishUpTo(a.upToHeight);
    else if (a.kind === 'adopt') this.restartFrom(this.publicHead);
  }
}
