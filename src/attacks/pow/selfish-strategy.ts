/**
 * The selfish-mining strategy of Eyal & Sirer ("Majority is not enough", FC 2014, Algorithm 1),
 * as a pure state machine over chain heights. It knows nothing of blocks, networks or time: the
 * network attacker (selfish-node.ts) and the fast zero-latency race (race.ts) both drive this one
 * implementation, so the closed-form test checks the code the network simulation runs.
 *
 * Heights are absolute. The private branch is the pool's chain above the fork point; the public
 * height is the height of the longest chain honest miners can see (pool blocks it has published
 * included).
 */

/** What the pool does after an event. */
export type SelfishAction =
  /** Keep mining on the private head; publish nothing. */
  | { readonly kind: 'wait' }
  /** Publish the private branch up to this height (blocks already published stay published). */
  | { readonly kind: 'publish'; readonly upToHeight: number }
  /** Abandon the private branch and mine on the public head. */
  | { readonly kind: 'adopt' };

const WAIT: SelfishAction = { kind: 'wait' };
const ADOPT: SelfishAction = { kind: 'adopt' };

export class SelfishMiningStrategy {
  /** Height of the pool's head (private branch top, or the public head after adopting). */
  privateHeight: number;
  /** Height of the longest public chain. */
  publicHeight: number;
  /** Blocks in the private branch (Algorithm 1's privateBranchLen). */
  privateBranchLength = 0;
  /** Highest private block published so far. */
  publishedHeight: number;

  constructor(startHeight = 0) {
    this.privateHeight = startHeight;
    this.publicHeight = startHeight;
    this.publishedHeight = startHeight;
  }

  /** Algorithm 1, "on My pool found a block". */
  onPoolBlock(): SelfishAction {
    const deltaPrev = this.privateHeight - this.publicHeight;
    this.privateHeight++;
    this.privateBranchLength++;
    if (deltaPrev === 0 && this.privateBranchLength === 2) {
      // Was a tie between branches (state 0'): the pool's branch now wins outright.
      this.privateBranchLength = 0;
      return this.publish(this.privateHeight);
    }
    return WAIT;
  }

  /**
   * Algorithm 1, "on Others found a block": the longest public chain grew to `height`. Events
   * that do not lengthen the public chain (a competing block at a height already reached) are
   * ignored, as they change nothing the strategy looks at.
   */
  onPublicBlock(height: number): SelfishAction {
    let action = WAIT;
    // A network may reveal several honest blocks at once; take them one height at a time.
    while (this.publicHeight < height) {
      const deltaPrev = this.privateHeight - this.publicHeight;
      this.publicHeight++;
      if (deltaPrev <= 0) {
        // They win (or were already ahead): mine on their head.
        this.privateHeight = this.publicHeight;
        this.publishedHeight = this.publicHeight;
        this.privateBranchLength = 0;
        action = ADOPT;
      } else if (deltaPrev === 1) {
        // Same length: publish the last block and race (γ decides).
        action = this.publish(this.privateHeight);
      } else if (deltaPrev === 2) {
        // Lead of one after publishing everything: the pool's branch wins.
        this.privateBranchLength = 0;
        action = this.publish(this.privateHeight);
      } else {
        // Far ahead: publish the first unpublished block, matching the public height.
        action = this.publish(this.publishedHeight + 1);
      }
    }
    return action;
  }

  private publish(upToHeight: number): SelfishAction {
    if (upToHeight > this.publishedHeight) this.publishedHeight = upToHeight;
    if (upToHeight > this.publicHeight) this.publicHeight = upToHeight;
    return { kind: 'publish', upToHeight };
  }
}
