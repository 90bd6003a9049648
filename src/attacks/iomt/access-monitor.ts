/**
 * The framework's access-volume monitor (its defence against insider misuse): it subscribes to its
 * node's committed AuditLog (src/iomt/node-messages.ts, topic 'audit'), counts each requester's
 * access and break-glass entries as they arrive, and every `windowUs` feeds the window's count to an EWMA and a CUSUM detector of that
 * requester (the same detector classes the gateways use, src/iomt/detectors.ts). A detector going
 * into alarm emits { kind: 'alarm', subject: 'requester:<pseudonym>' }, and 'alarm-clear' once back
 * in control; the attack layer scores
 * those alarms against the insiders it labelled, never against the detectors' own output.
 */
import type { Actor, ActorContext, HostId, TimerTag } from '../../../sim/index.ts';
import { CusumDetector, EwmaDetector, type AlarmClearEvent, type AlarmEvent, type StreamDetector } from '../../iomt/detectors.ts';
import { NodeSubscription, type NodeEndpoint } from '../../iomt/node-link.ts';
import type { NodeHeartbeat, NodeNotice } from '../../iomt/node-messages.ts';

export interface AccessMonitorOptions {
  readonly windowUs: number;
  /** Windows of each requester's history that set its baseline before it can alarm. */
  readonly warmupWindows: number;
  /** Requesters watched (pseudonyms), in a fixed order. */
  readonly requesters: readonly string[];
  /** The monitor's node, whose committed audit log it follows. */
  readonly node: NodeEndpoint;
}

export const ACCESS_DETECTORS = ['ewma:access_rate', 'cusum:access_rate'] as const;

export class AccessMonitor implements Actor<unknown> {
  private readonly audit: NodeSubscription;
  private readonly slot = new Map<string, number>();
  private readonly counts: Float64Array;
  private readonly detectors: StreamDetector[][];

  constructor(private readonly ctx: ActorContext<unknown>, private readonly o: AccessMonitorOptions) {
    o.requesters.forEach((r, i) => this.slot.set(r, i));
    this.counts = new Float64Array(o.requesters.length);
    this.audit = new NodeSubscription(ctx, o.node, 'audit', 0);
    // EWMA (Montgomery §9.2: λ 0.2, L ≈ 3 for small shifts; wider here, as counts are few) and a
    // two-sided CUSUM with allowance half a σ (Montgomery §9.1).
    this.detectors = o.requesters.map(() => [
      new EwmaDetector({ lambda: 0.3, limitSigmas: 4, warmup: o.warmupWindows }),
      new CusumDetector({ k: 0.5, h: 5, warmup: o.warmupWindows }),
    ]);
  }

  onStart(): void {
    this.audit.subscribe();
    this.ctx.setTimer(this.o.windowUs, 0);
  }

  /** Audit entries committed at the node, counted in the current window; and the node's heartbeats. */
  onMessage(_from: HostId, msg: unknown): void {
    const n = msg as NodeNotice | NodeHeartbeat;
    if (n.topic !== 'audit') return;
    if (n.kind === 'node-heartbeat') return this.audit.heartbeat(n);
    if (n.kind !== 'node-notice' || !this.audit.accept(n)) return;
    for (const e of n.items) {
      if (e.type !== 'access' && e.type !== 'break-glass') continue;
      const i = this.slot.get(e.agent);
      if (i !== undefined) this.counts[i]! += 1;
    }
  }

  onTimer(_tag: TimerTag): void {
    this.audit.retry();
    for (let i = 0; i < this.detectors.length; i++) {
      const ds = this.detectors[i]!;
      for (let j = 0; j < ds.length; j++) {
        const d = ds[j]!;
        const was = d.alarmed;
        const subject = `requester:${this.o.requesters[i]!}`;
        if (d.update(this.counts[i]!)) {
          const alarm: AlarmEvent = { kind: 'alarm', detector: ACCESS_DETECTORS[j]!, subject, timeUs: this.ctx.nowUs };
          this.ctx.emit(alarm);
        } else if (was && !d.alarmed) {
          const clear: AlarmClearEvent = { kind: 'alarm-clear', detector: ACCESS_DETECTORS[j]!, subject, timeUs: this.ctx.nowUs };
          this.ctx.emit(clear);
        }
      }
    }
    this.counts.fill(0);
    this.ctx.setTimer(this.o.windowUs, 0);
  }
}
