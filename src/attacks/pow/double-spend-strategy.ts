/**
 * The double-spend race (Nakamoto 2008 §11; Rosenfeld 2014 §5) as a pure state machine. The
 * attacker pays a merchant on the public chain and mines a private fork from the block before the
 * payment, in which the coins go back to itself. Following Rosenfeld, it starts with one
 * pre-mined block on that fork (it sends the payment only once it has one), so drawing level with
 * the honest chain is enough: one more block and its fork is strictly longer.
 *
 * The merchant ships after z confirmations of the payment (the payment block counts as the
 * first). The attacker releases its fork as soon as the merchant has shipped and the fork is
 * strictly longer than the honest chain above the fork point; it gives up once it trails by
 * `giveUpDeficit` blocks (a majority attacker never does).
 *
 * Used by the network attacker (double-spend-node.ts) and by the fast race (race.ts).
 */

export type DoubleSpendAction = 'wait' | 'release' | 'give-up';

export interface DoubleSpendOptions {
  /** Confirmations the merchant waits for (z ≥ 1). */
  readonly confirmations: number;
  /** Give up when the honest chain leads by this many blocks; Infinity never gives up. */
  readonly giveUpDeficit: number;
  /** Blocks on the private fork when the payment is sent (Rosenfeld: 1). */
  readonly preMined?: number;
}

export class DoubleSpendStrategy {
  /** Blocks on the private fork above the fork point. */
  privateLength: number;
  /** Blocks on the honest chain above the fork point (the payment block is the first). */
  honestLength = 0;
  done: false | 'released' | 'gave-up' = false;

  constructor(private readonly o: DoubleSpendOptions) {
    if (!(Number.isInteger(o.confirmations) && o.confirmations >= 1)) throw new RangeError(`confirmations must be an integer ≥ 1, found ${o.confirmations}`);
    if (!(o.giveUpDeficit >= 1)) throw new RangeError(`giveUpDeficit must be ≥ 1, found ${o.giveUpDeficit}`);
    this.privateLength = o.preMined ?? 1;
  }

  /** The merchant has shipped: the payment has z confirmations on the honest chain. */
  get merchantShipped(): boolean {
    return this.honestLength >= this.o.confirmations;
  }

  onAttackerBlock(): DoubleSpendAction {
    if (this.done !== false) return 'wait';
    this.privateLength++;
    return this.decide();
  }

  /**
   * An attacker that never gives up races on after a release that blocks in flight overtook: it
   * keeps its fork, and releases again once the fork is longer than the honest branch.
   */
  raceOn(honestLength: number): DoubleSpendAction {
    this.done = false;
    this.honestLength = honestLength;
    return this.decide();
  }

  onHonestBlock(): DoubleSpendAction {
    if (this.done !== false) return 'wait';
    this.honestLength++;
    return this.decide();
  }

  private decide(): DoubleSpendAction {
    if (this.merchantShipped && this.privateLength > this.honestLength) {
      this.done = 'released';
      return 'release';
    }
    if (this.honestLength - this.privateLength >= this.o.giveUpDeficit) {
      this.done = 'gave-up';
      return 'give-up';
    }
    return 'wait';
  }
}
