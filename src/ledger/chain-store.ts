/**
 * Block trees and fork choice for protocols whose replicas can disagree on the tip: Nakamoto
 * proof-of-work (longest chain: Nakamoto 2008 §4, "the majority decision is represented by the
 * longest chain") and Clique proof-of-authority (heaviest chain by total difficulty: EIP-225).
 *
 * Two layers:
 * - `BlockTree`: an append-only registry of blocks with dense numeric ids, parent links, heights and
 *   cumulative weights. Blocks are immutable and content addressed, so one tree may be shared by
 *   every replica of a run (a memory saving for thousands of PoW nodes); it records what exists,
 *   never what any replica knows.
 * - `ChainStore`: one replica's knowledge: the blocks it has connected, its orphans (blocks whose
 *   parent it has not seen), its head under the fork-choice rule, and its canonical chain by height.
 *
 * Fork choice: the connected block of greatest cumulative weight is the head; on equal weight the
 * head that was seen first is kept (Bitcoin Core's first-seen rule, as in Eyal & Sirer 2014 §3 with
 * γ = 0), unless `preferOnTie` says otherwise.
 */
import type { Block } from './types.ts';

/** Weight a block adds to its chain: 1 for longest chain, the block's difficulty for Clique. */
export type BlockWeight = (block: Block) => number;

/** Longest-chain rule: every block weighs 1, so cumulative weight is the number of blocks. */
export const blockCountWeight: BlockWeight = () => 1;

/** No block has this id. */
export const NO_BLOCK = -1;

export class BlockTree {
  readonly genesis: Block;
  private readonly weight: BlockWeight;
  private readonly idByHash = new Map<string, number>();
  private readonly blocks: Block[] = [];
  private parents = new Int32Array(64);
  private heights = new Int32Array(64);
  private totals = new Float64Array(64);

  constructor(genesis: Block, weight: BlockWeight = blockCountWeight) {
    this.genesis = genesis;
    this.weight = weight;
    this.store(genesis, NO_BLOCK, weight(genesis));
  }

  get size(): number {
    return this.blocks.length;
  }

  /** Id of a registered block, or NO_BLOCK. */
  idOf(hash: string): number {
    return this.idByHash.get(hash) ?? NO_BLOCK;
  }

  /**
   * Register `block` (idempotent) and return its id; NO_BLOCK when its parent is not registered.
   * Throws when the height does not follow the parent's: such a block is malformed, not an orphan.
   */
  intern(block: Block): number {
    const known = this.idByHash.get(block.hash);
    if (known !== undefined) return known;
    const parent = this.idByHash.get(block.parentHash);
    if (parent === undefined) return NO_BLOCK;
    const expected = this.heights[parent]! + 1;
    if (block.height !== expected) {
      throw new RangeError(`block ${block.hash}: height ${block.height} does not follow its parent's (expected ${expected})`);
    }
    return this.store(block, parent, this.totals[parent]! + this.weight(block));
  }

  block(id: number): Block {
    const b = this.blocks[id];
    if (b === undefined) throw new RangeError(`no block with id ${id} (the tree holds ${this.blocks.length})`);
    return b;
  }

  parentOf(id: number): number {
    return this.parents[id]!;
  }

  heightOf(id: number): number {
    return this.heights[id]!;
  }

  /** Cumulative weight from genesis (genesis included). */
  totalWeightOf(id: number): number {
    return this.totals[id]!;
  }

  /** The ancestor of `id` at `height` (itself at its own height), or NO_BLOCK above it. */
  ancestorAt(id: number, height: number): number {
    if (height > this.heights[id]! || height < 0) return NO_BLOCK;
    let cur = id;
    while (this.heights[cur]! > height) cur = this.parents[cur]!;
    return cur;
  }

  /** Deepest block that is an ancestor of both (each block is its own ancestor). */
  commonAncestor(a: number, b: number): number {
    let x = a, y = b;
    while (this.heights[x]! > this.heights[y]!) x = this.parents[x]!;
    while (this.heights[y]! > this.heights[x]!) y = this.parents[y]!;
    while (x !== y) {
      x = this.parents[x]!;
      y = this.parents[y]!;
    }
    return x;
  }

  private store(block: Block, parent: number, total: number): number {
    const id = this.blocks.length;
    if (id === this.parents.length) this.grow();
    this.blocks.push(block);
    this.idByHash.set(block.hash, id);
    this.parents[id] = parent;
    this.heights[id] = block.height;
    this.totals[id] = total;
    return id;
  }

  private grow(): void {
    const cap = this.parents.length * 2;
    const p = new Int32Array(cap); p.set(this.parents); this.parents = p;
    const h = new Int32Array(cap); h.set(this.heights); this.heights = h;
    const t = new Float64Array(cap); t.set(this.totals); this.totals = t;
  }
}

/** How the head moved when a block was added. Blocks listed in ascending height. */
export interface HeadChange {
  readonly previousHead: Block;
  readonly head: Block;
  /** Height of the deepest block shared by the old and the new chain. */
  readonly forkHeight: number;
  /** Blocks that left the canonical chain (empty when the new head extends the old one). */
  readonly removed: readonly Block[];
  /** Blocks that joined the canonical chain. */
  readonly added: readonly Block[];
}

/** 'invalid': the height does not follow the parent's; the block is dropped. */
export type AddOutcome = 'connected' | 'duplicate' | 'orphaned' | 'invalid';

export interface AddResult {
  readonly outcome: AddOutcome;
  /** Blocks connected by this call: the block itself and any orphans waiting on it. */
  readonly connected: readonly Block[];
  /** Set when the head moved. */
  readonly headChange: HeadChange | null;
}

export interface ChainStoreOptions {
  /** Weight per block; ignored when `tree` is given (the tree's weight applies). */
  readonly weight?: BlockWeight;
  /** Shared registry; by default the store keeps a private one. */
  readonly tree?: BlockTree;
  /** Called on a tie in weight: return true to switch to `candidate`. Default: keep the first seen. */
  readonly preferOnTie?: (candidate: Block, head: Block) => boolean;
}

/** Shared, never mutated: most head changes extend the head and remove nothing. */
const NOTHING_REMOVED: Block[] = [];
const DUPLICATE: AddResult = { outcome: 'duplicate', connected: [], headChange: null };
const ORPHANED: AddResult = { outcome: 'orphaned', connected: [], headChange: null };
const INVALID: AddResult = { outcome: 'invalid', connected: [], headChange: null };

export class ChainStore {
  readonly tree: BlockTree;
  private readonly preferOnTie: ((candidate: Block, head: Block) => boolean) | undefined;
  /**
   * 1 at the id of each block this replica has connected. A byte per id of the (possibly shared)
   * tree rather than a set: thousands of PoW nodes test membership on nearly every announcement.
   */
  private known = new Uint8Array(64);
  private knownCount = 0;
  /** Orphans by the hash of the parent they wait for, and the set of their own hashes. */
  private readonly orphans = new Map<string, Block[]>();
  private readonly orphanHashes = new Set<string>();
  private orphanTotal = 0;
  private headId: number;
  /** Canonical chain: block id at each height, genesis at its own height. */
  private readonly canonical: number[] = [];

  constructor(genesis: Block, options: ChainStoreOptions = {}) {
    this.tree = options.tree ?? new BlockTree(genesis, options.weight ?? blockCountWeight);
    if (this.tree.genesis.hash !== genesis.hash) {
      throw new RangeError(`chain store genesis ${genesis.hash} differs from its tree's ${this.tree.genesis.hash}`);
    }
    this.preferOnTie = options.preferOnTie;
    this.headId = 0;
    this.markKnown(0);
    this.canonical[genesis.height] = 0;
  }

  get head(): Block {
    return this.tree.block(this.headId);
  }

  /** The head's id in `tree`. */
  get headBlockId(): number {
    return this.headId;
  }

  get headHeight(): number {
    return this.tree.heightOf(this.headId);
  }

  get headWeight(): number {
    return this.tree.totalWeightOf(this.headId);
  }

  /** Connected blocks (genesis included). */
  get size(): number {
    return this.knownCount;
  }

  get orphanCount(): number {
    return this.orphanTotal;
  }

  /** Whether this replica has connected the block. */
  has(hash: string): boolean {
    const id = this.tree.idOf(hash);
    return id !== NO_BLOCK && this.hasId(id);
  }

  /** Whether the block is connected or waiting for its parent. */
  knows(hash: string): boolean {
    return this.has(hash) || this.orphanHashes.has(hash);
  }

  hasId(id: number): boolean {
    return id < this.known.length && this.known[id] === 1;
  }

  get(hash: string): Block | undefined {
    return this.has(hash) ? this.tree.block(this.tree.idOf(hash)) : undefined;
  }

  /** Cumulative weight of a connected block, or undefined. */
  totalWeight(hash: string): number | undefined {
    return this.has(hash) ? this.tree.totalWeightOf(this.tree.idOf(hash)) : undefined;
  }

  /** The canonical block at `height`, or undefined above the head. */
  canonicalAt(height: number): Block | undefined {
    const id = this.canonical[height];
    return id === undefined || height > this.headHeight ? undefined : this.tree.block(id);
  }

  isCanonical(hash: string): boolean {
    const id = this.tree.idOf(hash);
    return id !== NO_BLOCK && this.canonical[this.tree.heightOf(id)] === id && this.tree.heightOf(id) <= this.headHeight;
  }

  /** Blocks on top of `hash` in the canonical chain, itself included (Nakamoto 2008 §11); 0 off it. */
  confirmations(hash: string): number {
    return this.isCanonical(hash) ? this.headHeight - this.tree.heightOf(this.tree.idOf(hash)) + 1 : 0;
  }

  /** Add a block received or produced; connects waiting orphans and applies fork choice. */
  private markKnown(id: number): void {
    if (id >= this.known.length) {
      let n = this.known.length * 2;
      while (n <= id) n *= 2;
      const grown = new Uint8Array(n);
      grown.set(this.known);
      this.known = grown;
    }
    if (this.known[id] === 0) this.knownCount++;
    this.known[id] = 1;
  }

  add(block: Block): AddResult {
    const t = this.tree;
    const existing = t.idOf(block.hash);
    if (existing !== NO_BLOCK && this.hasId(existing)) return DUPLICATE;
    const parent = t.idOf(block.parentHash);
    if (parent === NO_BLOCK || !this.hasId(parent)) {
      this.keepOrphan(block);
      return ORPHANED;
    }
    if (block.height !== t.heightOf(parent) + 1) return INVALID;
    const id = existing !== NO_BLOCK ? existing : t.intern(block);
    this.markKnown(id);
    const previousHead = this.headId;
    let best = this.beats(id, previousHead) ? id : previousHead;
    const connected: Block[] = [block];
    if (this.orphanTotal > 0) best = this.connectOrphans(block, connected, best);
    const headChange = best === previousHead ? null : this.moveHead(best);
    return { outcome: 'connected', connected, headChange };
  }

  /** Connect every orphan waiting, directly or not, on `root`; returns the best block seen. */
  private connectOrphans(root: Block, connected: Block[], best: number): number {
    const pending: Block[] = [];
    const take = (parentHash: string): void => {
      const waiting = this.orphans.get(parentHash);
      if (waiting === undefined) return;
      this.orphans.delete(parentHash);
      this.orphanTotal -= waiting.length;
      for (let i = waiting.length - 1; i >= 0; i--) {
        this.orphanHashes.delete(waiting[i]!.hash);
        pending.push(waiting[i]!);
      }
    };
    take(root.hash);
    while (pending.length > 0) {
      const b = pending.pop()!;
      if (!this.follows(b)) continue; // a malformed orphan is dropped once its parent is known
      const id = this.tree.intern(b);
      this.markKnown(id);
      connected.push(b);
      if (this.beats(id, best)) best = id;
      take(b.hash);
    }
    return best;
  }

  private follows(block: Block): boolean {
    const parent = this.tree.idOf(block.parentHash);
    return parent !== NO_BLOCK && block.height === this.tree.heightOf(parent) + 1;
  }

  private beats(candidate: number, head: number): boolean {
    const t = this.tree;
    const wc = t.totalWeightOf(candidate), wh = t.totalWeightOf(head);
    if (wc !== wh) return wc > wh;
    return this.preferOnTie !== undefined && this.preferOnTie(t.block(candidate), t.block(head));
  }

  private moveHead(to: number): HeadChange {
    const t = this.tree;
    const from = this.headId;
    const fork = t.commonAncestor(from, to);
    const forkHeight = t.heightOf(fork);
    let removed: Block[] = NOTHING_REMOVED;
    if (from !== fork) {
      removed = [];
      for (let x = from; x !== fork; x = t.parentOf(x)) removed.push(t.block(x));
      removed.reverse();
    }
    const added: Block[] = [];
    for (let x = to; x !== fork; x = t.parentOf(x)) {
      added.push(t.block(x));
      this.canonical[t.heightOf(x)] = x;
    }
    added.reverse();
    this.canonical.length = t.heightOf(to) + 1;
    this.headId = to;
    return { previousHead: t.block(from), head: t.block(to), forkHeight, removed, added };
  }

  private keepOrphan(block: Block): void {
    if (this.orphanHashes.has(block.hash)) return;
    const list = this.orphans.get(block.parentHash);
    if (list === undefined) this.orphans.set(block.parentHash, [block]);
    else list.push(block);
    this.orphanHashes.add(block.hash);
    this.orphanTotal++;
  }
}
