/**
 * The double-spend attacker on the network (Rosenfeld 2014; with q > 1/2, the majority attacker
 * of Nakamoto 2008 §11). It pre-mines one block on the public head (restarting if the head moves
 * first), then "pays": from that moment the honest chain above the fork carries the payment and
 * the merchant ships at z confirmations. It keeps mining its fork and lets the
 * DoubleSpendStrategy decide when to release it or give up; then it starts again from the public
 * head. An attacker that never gives up (the majority attacker) does not start again at its
 * release: a release is decided on the chain it has heard of, and honest blocks still in flight
 * can overtake it, so it races on with its fork until honest miners build on it. Every attempt is
 * recorded as ground truth for the outcome.
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
  /** A never-giving-up attacker's attempt released and not yet built on by honest miners. */
  private racingOn = false;

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
    this.racingOn = false;
  }

  protected onOwnBlock(block: PowBlock): void {
    if (this.strategy === null) {
      // The pre-mined block: send the payment now (Rosenfeld §5's assumption).
      this.strategy = new DoubleSpendStrategy({ confirmations: this.attack.confirmations, giveUpDeficit: this.attack.giveUpDeficit, preMined: 1 });
      this.current = { forkHeight: this.forkBlock.height, firstBlock: block, paymentUs: this.ctx.nowUs, outcome: 'open', endUs: Infinity };
      this.attempts.push(this.current);
      return;
    }
    if (this.racingOn && this.strategy.done === 'released') {
      // Its released fork leads: a block on it is published at once, as an honest miner's would be.
      this.strategy.privateLength++;
      this.publishUpTo(Infinity);
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
    if (this.racingOn) {
      // Built on by someone else: honest miners adopted the fork, and the attempt is settled.
      if (descendsFrom(head, this.privateHead)) this.finish();
      else this.act(s.raceOn(head.height - this.forkBlock.height));
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
      if (this.attack.giveUpDeficit === Infinity) {
        this.racingOn = true;
        return;
      }
    } else {
      attempt.outcome = 'gave-up';
    }
    this.finish();
  }

  private finish(): void {
    this.strategy = null;
    this.current = null;
    this.racingOn = false;
    this.restartFrom(this.publicHead);
  }
}

/** Whether `block` is `ancestor` or lies above it on its chain. */
function descendsFrom(block: PowBlock, ancestor: PowBlock): boolean {
  let b: PowBlock | null = block;
  while (b !== null && b.height > ancestor.height) b = b.parent;
  return b === ancestor;
}
