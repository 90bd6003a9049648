/**
 * Who leads, tracked once per world: replicas announce a new leader with a `view-change` event, or,
 * where the leader rotates without one (HotStuff's views, Clique's heights), with a `leads` event
 * (src/protocols/types.ts); the announcement of the highest view wins, so a replica that enters an
 * old view late does not move the leader back (PBFT §4.4: views only increase). The first replica
 * leads until an announcement. Attacks that follow the leader (leader-delay, leader-dos,
 * leader-isolation with `follow`) and the `crash: leader` target read this one tracker. HotStuff's
 * replicas announce a view they enter by timeout naming its designated leader, crashed or not, so
 * during such a view the tracker names that replica, as the protocol's rotation does.
 */
import type { Engine, HostId } from '../../../sim/index.ts';
import type { LeadsEvent, ViewChangeEvent } from '../types.ts';

export class LeaderTracker {
  private leader: HostId;
  private view = -1;
  private readonly listeners: Array<(leader: HostId) => void> = [];

  constructor(engine: Engine, replicaHosts: readonly HostId[]) {
    this.leader = replicaHosts[0]!;
    const replicas = new Set(replicaHosts);
    engine.observe((host, event) => {
      if ((event.kind !== 'view-change' && event.kind !== 'leads') || !replicas.has(host)) return;
      const e = event as ViewChangeEvent | LeadsEvent;
      if (e.view <= this.view) return;
      this.view = e.view;
      if (e.leader === this.leader) return;
      this.leader = e.leader;
      for (const fn of this.listeners) fn(e.leader);
    });
  }

  /** The leader announced for the highest view so far. */
  current(): HostId {
    return this.leader;
  }

  /** Call `fn` with the new leader whenever it changes. */
  onChange(fn: (leader: HostId) => void): void {
    this.listeners.push(fn);
  }
}
