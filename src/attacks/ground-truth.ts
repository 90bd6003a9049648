/**
 * Ground truth: what the attacks really did, recorded by the attacks themselves as they act. Detectors
 * are scored against these labels, never against their own output, and outcome metrics (forged items
 * accepted, censorship delay) are judged against them.
 *
 * A label names an entity (a host, a device, a transaction, a record, a message), the attack that
 * made it malicious, and the window in which it was. Lookups are by (entity, id).
 */
import type { HostId, ModelEvent, ModelEventObserver } from '../../sim/index.ts';

export type LabelEntity = 'host' | 'device' | 'tx' | 'record' | 'message' | 'identity' | 'access';

export interface GroundTruthLabel {
  readonly entity: LabelEntity;
  readonly id: number | string;
  /** Attack type that produced the label (e.g. 'equivocation'). */
  readonly attack: string;
  /** Malicious from this time, µs. */
  readonly fromUs: number;
  /** Until this time (exclusive), µs; Infinity if to the end of the run. */
  toUs: number;
  /** Free-form role: 'byzantine-replica', 'crashed', 'forged', 'replayed', ... */
  readonly role: string;
}

/**
 * A label an attack records as it acts inside a host, sent as a model event (`ActorContext.emit`)
 * rather than written into the plan's ground truth: observers, the ground truth among them
 * (`GroundTruth.follow`), learn it in the order of the run's events, also at the coordinator of a
 * run split over threads, whose hosts run elsewhere.
 */
export interface TruthLabelEvent extends ModelEvent {
  readonly kind: typeof TRUTH_LABEL_EVENT;
  readonly entity: LabelEntity;
  readonly id: number | string;
  readonly attack: string;
  readonly role: string;
  readonly fromUs: number;
}

export const TRUTH_LABEL_EVENT = 'attack-truth-label';

function key(entity: LabelEntity, id: number | string): string {
  return `${entity}:${id}`;
}

export class GroundTruth {
  private readonly labels: GroundTruthLabel[] = [];
  private readonly byKey = new Map<string, GroundTruthLabel[]>();

  /** Record that `entity` `id` is malicious (or faulty) from `fromUs` until `toUs`. */
  label(entity: LabelEntity, id: number | string, attack: string, role: string, fromUs: number, toUs = Infinity): GroundTruthLabel {
    const l: GroundTruthLabel = { entity, id, attack, role, fromUs, toUs };
    this.labels.push(l);
    const k = key(entity, id);
    const list = this.byKey.get(k);
    if (list === undefined) this.byKey.set(k, [l]);
    else list.push(l);
    return l;
  }

  /**
   * An observer that records every TruthLabelEvent as it is shown. Such a label holds from its time
   * to the end of the run, so one the entity already carries from earlier, by the same attack in the
   * same role, adds nothing and is not recorded again: a transaction censoring replicas drop once per
   * copy (the client rebroadcasts it, each censoring replica receives it) is one censored
   * transaction, labelled at its first drop. The events come in the run's order, also at a split
   * run's coordinator, so the one kept is the same on any number of threads.
   */
  follow(): ModelEventObserver {
    return (_h, e) => {
      if (e.kind !== TRUTH_LABEL_EVENT) return;
      const l = e as TruthLabelEvent;
      if (this.of(l.entity, l.id).some((x) => x.attack === l.attack && x.role === l.role && x.fromUs <= l.fromUs && x.toUs === Infinity)) return;
      this.label(l.entity, l.id, l.attack, l.role, l.fromUs);
    };
  }

  /** Close an open label (a crashed host recovered, a partition healed). */
  close(l: GroundTruthLabel, toUs: number): void {
    l.toUs = toUs;
  }

  /** Labels of one entity, in the order they were recorded. */
  of(entity: LabelEntity, id: number | string): readonly GroundTruthLabel[] {
    return this.byKey.get(key(entity, id)) ?? [];
  }

  /** Whether the entity carries any label (at any time). */
  has(entity: LabelEntity, id: number | string): boolean {
    return this.byKey.has(key(entity, id));
  }

  /** Whether the entity is labelled at `timeUs`. */
  isLabelledAt(entity: LabelEntity, id: number | string, timeUs: number): boolean {
    const list = this.byKey.get(key(entity, id));
    if (list === undefined) return false;
    for (const l of list) if (timeUs >= l.fromUs && timeUs < l.toUs) return true;
    return false;
  }

  /** Every label of one entity kind, optionally of one role. */
  all(entity?: LabelEntity, role?: string): readonly GroundTruthLabel[] {
    return this.labels.filter((l) => (entity === undefined || l.entity === entity) && (role === undefined || l.role === role));
  }

  /** Hosts that were Byzantine at any time: safety is judged on the others (Castro & Liskov §2). */
  byzantineHosts(): HostId[] {
    const out: HostId[] = [];
    for (const l of this.labels) {
      if (l.entity === 'host' && l.role === 'byzantine-replica' && !out.includes(l.id as number)) out.push(l.id as number);
    }
    return out;
  }

  get size(): number {
    return this.labels.length;
  }

  /**
   * How many labels each attack recorded (by the attack a label names), leaving out the first
   * `from` labels recorded (those made when installing, for what a partition of a split run adds),
   * and the Byzantine replicas' labels, which name the modes of the attacks that made them (the
   * plan counts those for its attacks: AttackPlan.labelsByAttack).
   */
  countsByAttack(from = 0): Record<string, number> {
    const out: Record<string, number> = {};
    for (let i = from; i < this.labels.length; i++) {
      const l = this.labels[i]!;
      if (l.role === 'byzantine-replica') continue;
      out[l.attack] = (out[l.attack] ?? 0) + 1;
    }
    return out;
  }

  /** Plain JSON for results files (Infinity becomes null). */
  toJSON(): Array<Omit<GroundTruthLabel, 'toUs'> & { toUs: number | null }> {
    return this.labels.map((l) => ({ ...l, toUs: l.toUs === Infinity ? null : l.toUs }));
  }
}
