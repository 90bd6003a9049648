/**
 * Who leads, tracked once per world: a replica announces that it leads with a `view-change` event
 * naming itself (PBFT's primary as it installs its view) or with a `leads` event (Raft's elected
 * leader of its term, HotStuff's leader of each view, Clique's in-turn signer of each height;
 * src/protocols/types.ts); the announcement of the highest view wins, so a replica that enters an
 * old view late does not move the leader back (PBFT §4.4: views only increase). The first replica
 * leads until an announcement. Attacks that follow the leader (leader-delay, leader-dos,
 * leader-isolation with `follow`) and the `crash: leader` target read this one tracker.
 *
 * Only the leader's own announcement counts. The other replicas also report a view they enter after
 * a fault, naming its designated leader, who may be down (PBFT's view whose primary crashed, a
 * HotStuff view entered on a timeout certificate): nobody leads such a view, and an attacker that
 * follows the leader from the traffic it sees (follow-leader.ts) sees none from a crashed one, so
 * the tracker stays on the replica that last led, as it does through a HotStuff view entered by
 * votes sent to a dead leader, which nobody reports. A Raft candidate's `election` event names no
 * leader and is not read here: a candidate may lose its term, and leads only once it wins.
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
      if (e.leader !== host || e.view <= this.view) return;
      this.view = e.view;
      if (e.leader === this.leader) return;
      this.leader = e.leader;
      for (const fn of this.listeners) fn(e.leader);
    });
  }

  /** The replica that announced it leads the highest view so far. */
  current(): HostId {
    return this.leader;
  }

  /** Call `fn` with the new leader whenever it changes. */
  onChange(fn: (leader: HostId) => void): void {
    this.listeners.push(fn);
  }
}
