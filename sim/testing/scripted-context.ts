/**
 * A scripted ActorContext for unit tests (the etcd/raft pattern: drive the actor, assert on what it
 * sent). Time moves only when the test sets `nowUs`; sends, timers and events are recorded.
 */
import { FirstEmissions, Rng, type ActorContext, type EmitKey, type HostId, type ModelEvent, type TimerId, type TimerTag } from '../index.ts';

export interface ScriptedSend {
  readonly to: HostId;
  readonly msg: unknown;
  readonly sizeBytes: number;
}

export interface ScriptedTimer {
  readonly id: TimerId;
  readonly delayUs: number;
  readonly tag: TimerTag;
  cancelled: boolean;
}

export class ScriptedContext implements ActorContext<unknown> {
  nowUs = 0;
  readonly rng: Rng;
  readonly sent: ScriptedSend[] = [];
  readonly timers: ScriptedTimer[] = [];
  readonly emitted: ModelEvent[] = [];
  private readonly first = new FirstEmissions();
  cpuUs = 0;

  constructor(readonly self: HostId, seed = 1) {
    this.rng = new Rng(seed, `scripted:${self}`);
  }

  send(to: HostId, msg: unknown, sizeBytes: number): void {
    this.sent.push({ to, msg, sizeBytes });
  }

  setTimer(delayUs: number, tag: TimerTag): TimerId {
    const id = this.timers.length;
    this.timers.push({ id, delayUs, tag, cancelled: false });
    return id;
  }

  cancelTimer(id: TimerId): void {
    const t = this.timers[id];
    if (t !== undefined) t.cancelled = true;
  }

  cpu(costUs: number): void {
    this.cpuUs += costUs;
  }

  /** A scripted host has one core, so parallel work adds up like serial work. */
  cpuParallel(jobs: number, costUsEach: number): void {
    this.cpuUs += jobs * costUsEach;
  }

  emit(event: ModelEvent): void {
    this.emitted.push(event);
  }

  /** As an engine with this one host would: the first event of its kind with this key is recorded. */
  emitFirst(key: EmitKey, event: ModelEvent): void {
    if (this.first.admit(event.kind, key)) this.emitted.push(event);
  }

  /** Messages sent so far of one kind, and forget them. */
  take<K extends string>(kind: K): ScriptedSend[] {
    const out: ScriptedSend[] = [];
    for (let i = 0; i < this.sent.length; ) {
      if ((this.sent[i]!.msg as { kind: string }).kind === kind) out.push(this.sent.splice(i, 1)[0]!);
      else i++;
    }
    return out;
  }

  pendingTimers(tag: TimerTag): ScriptedTimer[] {
    return this.timers.filter((t) => t.tag === tag && !t.cancelled);
  }
}
