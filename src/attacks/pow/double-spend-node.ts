/**
 * The double-spend attacker on the network (Rosenfeld 2014; with q > 1/2, the majority attacker
 * of Nakamoto 2008 §11). It pre-mines one block on the public head (restarting if the head moves
 * first), then "pays": from that moment the honest chain above the fork carries the payment and
 * the merchant ships at z confirmations. It keeps mining its fork and lets the
 * DoubleSpendStrategy decide when to release it or give up; then it starts again from the public
 * head. Every attempt is recorded as ground truth for the outcome.
 */
import type { ActorContext } from '../../../sim/index.ts';
import type { PowNodeOptions } from '../../protocols/pow/node.ts';
import type { PowBlock } from '../../protocols/pow/types.ts';
import { DoubleSpendStrategy, type DoubleSpendAction } from './double-spend-strategy.ts';
import { WithholdingMiner, type AttackWindow } from './withholding-miner.ts';

export interface DoubleSpendAttempt {
  readonly forkHeight: number;
  /** The pre-mined block: if it ends on the main chain, the payment was reversed. */
  readonly firstBlock: PowBlock;
  readonly paymentUs: number;
  outcome: 'open' | 'released' | 'gave-up';
  endUs: number;
}

export interface DoubleSpendNodeOptions {
  readonly confirmations: number;
  readonly giveUpDeficit: number;
  readonly outboundPeers: number;
  readonly window: AttackWindow;
}

export class DoubleSpendNode extends WithholdingMiner {
  readonly attempts: DoubleSpendAttempt[] = [];
  private strategy: DoubleSpendStrategy | null = null;
  private current: DoubleSpendAttempt | null = null;

  constructor(
    ctx: ActorContext<unknown>,
    o: PowNodeOptions,
    private readonly attack: DoubleSpendNodeOptions,
  ) {
    super(ctx, o, attack.outboundPeers, attack.window);
  }

  protected onAttackStart(): void {
    this.strategy = null; // pre-mine from the public head first
    this.current = null;
  }

  protected onOwnBlock(block: PowBlock): void {
    if (this.strategy === null) {
      // The pre-mined block: send the payment now (Rosenfeld §5's assumption).
      this.strategy = new DoubleSpendStrategy({ confirmations: this.attack.confirmations, giveUpDeficit: this.attack.giveUpDeficit, preMined: 1 });
      this.current = { forkHeight: this.forkBlock.height, firstBlock: block, paymentUs: this.ctx.nowUs, outcome: 'open', endUs: Infinity };
      this.attempts.push(this.current);
      return;
    }
    this.act(this.strategy.onAttackerBlock());
  }

  protected onPublicGrowth(head: PowBlock): void {
    const s = this.strategy;
    if (s === null) {
      this.restartFrom(head); // still pre-mining: the honest chain moved first
      return;
    }
    const honestAboveFork = head.height - this.forkBlock.height;
    while (s.done === false && s.honestLength < honestAboveFork) this.act(s.onHonestBlock());
  }

  private act(a: DoubleSpendAction): void {
    if (a === 'wait') return;
    const attempt = this.current!;
    attempt.endUs = this.ctx.nowUs;
    if (a === 'release') {
      attempt.outcome = 'released';
      this.publishUpTo(Infinity);
    } else {
      attempt.outcome = 'gave-up';
    }
    this.strategy = null;
    this.current = null;
    this.restartFrom(this.publicHead);
  }
}
