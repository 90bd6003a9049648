/** A care team's central monitoring station: it only receives alerts and reports their arrival. */
import type { Actor, ActorContext, HostId } from '../../sim/index.ts';
import { emitIomt } from './events.ts';
import type { AlertNotice } from './messages.ts';

export class CareTeam implements Actor<unknown> {
  constructor(private readonly ctx: ActorContext<unknown>) {}

  onMessage(_from: HostId, msg: unknown): void {
    const m = msg as AlertNotice;
    if (m.kind !== 'alert') return;
    emitIomt(this.ctx, { kind: 'iomt-alert-delivered', path: m.path, patient: m.patient, rule: m.rule, device: m.device, conditionUs: m.conditionUs });
  }

  onTimer(): void {}
}
