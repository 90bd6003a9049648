/**
 * AnchorRegistry: the Merkle roots of gateways' reading batches. Payloads live off chain; a reader
 * checks a reading's inclusion proof against the root anchored here.
 */
import { CallRejected, digest, int, str } from './args.ts';
import { sha256Hex, touchState } from './digest.ts';

export interface AnchorOutcome {
  readonly gateway: number;
  readonly batch: number;
  readonly root: string;
  readonly readings: number;
}

/** Bound on a gateway's batch numbers (a limit on everything: a bad batch number cannot exhaust memory). */
const MAX_BATCHES_PER_GATEWAY = 1 << 20;

/**
 * One gateway's roots indexed by batch number; batches may commit out of order (retransmission,
 * view change). A root is the anchoring transaction's own string: every replica executes the same
 * transaction, so a run's replicas hold one copy of each root and a reference each. A 32-byte copy
 * in each replica cost regional.yaml's 16 replicas 528 bytes a batch, its fastest-growing state
 * after the blocks of PBFT's state-transfer window (10 MB from the 5th to the 20th minute).
 */
class RootLog {
  private roots = new Array<string | undefined>(64).fill(undefined);
  has(i: number): boolean {
    return i < this.roots.length && this.roots[i] !== undefined;
  }
  set(i: number, rootHex: string): void {
    if (i >= this.roots.length) {
      let length = this.roots.length;
      while (i >= length) length *= 2;
      const grown = new Array<string | undefined>(length).fill(undefined);
      for (let k = 0; k < this.roots.length; k++) grown[k] = this.roots[k];
      this.roots = grown;
    }
    this.roots[i] = rootHex;
  }
  copy(): RootLog {
    const c = new RootLog();
    c.roots = this.roots.slice();
    return c;
  }
  get(i: number): string | undefined {
    return i < 0 ? undefined : this.roots[i];
  }
}

export class AnchorRegistry {
  private readonly logs = new Map<number, RootLog>();
  private head = '0'.repeat(64);
  private total = 0;

  /** `gateways`: hosts allowed to anchor (registered at genesis by the consortium). */
  constructor(private readonly gateways: ReadonlySet<number>) {}

  anchor(args: Readonly<Record<string, unknown>>, sender: number): AnchorOutcome {
    const gateway = int(args, 'gateway');
    if (gateway !== sender || !this.gateways.has(gateway)) throw new CallRejected('unregistered-gateway');
    const batch = int(args, 'batch');
    const root = digest(args, 'root');
    const readings = int(args, 'readings');
    str(args, 'pointer');
    touchState();
    let log = this.logs.get(gateway);
    if (log === undefined) this.logs.set(gateway, (log = new RootLog()));
    // A root, once anchored, is immutable: a second anchor for the same batch is refused.
    if (batch < 0 || batch >= MAX_BATCHES_PER_GATEWAY) throw new CallRejected('bad-arg:batch');
    if (log.has(batch)) throw new CallRejected('batch-already-anchored');
    touchState();
    log.set(batch, root);
    this.total++;
    this.head = sha256Hex(`${this.head}|${gateway}|${batch}|${root}`);
    return { gateway, batch, root, readings };
  }

  /** Make this registry an independent copy of `source`'s state (a replica starting from a shared genesis). */
  copyFrom(source: AnchorRegistry): void {
    this.logs.clear();
    for (const [gateway, log] of source.logs) this.logs.set(gateway, log.copy());
    this.head = source.head;
    this.total = source.total;
  }

  /** Root anchored for (gateway, batch), or undefined if none is committed yet. */
  root(gateway: number, batch: number): string | undefined {
    return this.logs.get(gateway)?.get(batch);
  }

  digest(): string {
    return `${this.total}:${this.head}`;
  }
}
