/**
 * AnchorRegistry: the Merkle roots of gateways' reading batches. Payloads live off chain; a reader
 * checks a reading's inclusion proof against the root anchored here. Roots are kept per gateway in
 * a flat byte array (32 bytes per batch) because a regional run anchors hundreds of thousands.
 */
import { CallRejected, digest, int, str } from './args.ts';
import { sha256Hex, touchState } from './digest.ts';

export interface AnchorOutcome {
  readonly gateway: number;
  readonly batch: number;
  readonly root: string;
  readonly readings: number;
}

/** Roots indexed by batch number; batches may commit out of order (retransmission, view change). */
/** Bound on a gateway's batch numbers (a limit on everything: a bad batch number cannot exhaust memory). */
const MAX_BATCHES_PER_GATEWAY = 1 << 20;

class RootLog {
  private bytes = new Uint8Array(32 * 64);
  private present = new Uint8Array(64);
  has(i: number): boolean {
    return i < this.present.length && this.present[i] === 1;
  }
  set(i: number, rootHex: string): void {
    while (i >= this.present.length) {
      const b = new Uint8Array(this.bytes.length * 2);
      b.set(this.bytes);
      this.bytes = b;
      const p = new Uint8Array(this.present.length * 2);
      p.set(this.present);
      this.present = p;
    }
    this.bytes.set(Buffer.from(rootHex, 'hex'), i * 32);
    this.present[i] = 1;
  }
  copy(): RootLog {
    const c = new RootLog();
    c.bytes = this.bytes.slice();
    c.present = this.present.slice();
    return c;
  }
  get(i: number): string | undefined {
    if (i < 0 || !this.has(i)) return undefined;
    return Buffer.from(this.bytes.subarray(i * 32, i * 32 + 32)).toString('hex');
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

  /** Root anchored for (gateway, batch), or undefined if none is committed yet. */
  /** Make this registry an independent copy of `source`'s state (a replica starting from a shared genesis). */
  copyFrom(source: AnchorRegistry): void {
    this.logs.clear();
    for (const [gateway, log] of source.logs) this.logs.set(gateway, log.copy());
    this.head = source.head;
    this.total = source.total;
  }

  root(gateway: number, batch: number): string | undefined {
    return this.logs.get(gateway)?.get(batch);
  }

  digest(): string {
    return `${this.total}:${this.head}`;
  }
}
