/**
 * Which replica a client sends its next new request to: one rule for the load client (client.ts)
 * and the IoMT ledger client (src/iomt/ledger-client.ts), set by the protocol's definition
 * (`ProtocolDefinition.clientRequests`).
 *
 * - 'primary': the replica that leads as far as the client knows: replica 0 (view 0's primary)
 *   until a reply names another (`ReplyMessage.leader`). A PBFT client knows the view and sends to
 *   its primary; on a timeout it rebroadcasts to every replica and learns the new primary from the
 *   replies (Castro & Liskov 1999, §4.1). A timeout does not move it.
 * - 'any-replica': every replica takes requests and passes them on (HotStuff forwards them to the
 *   next leader on its vote, a Clique signer or a proof-of-work node gossips them, a Raft follower
 *   forwards them to its leader), so a client starts at a replica of its own (`home`: a load
 *   client's number modulo n, an IoMT client's own organisation's node), and moves to the next
 *   replica in order when its own has gone silent: a request sent there timed out, and since that
 *   request went out other replicas have answered the client and its own has not (a crashed,
 *   silent or cut-off replica), as a Raft client tries another server when its requests time out
 *   (Ongaro & Ousterhout 2014, §8). Only a
 *   request sent to the current target moves it, so a crashed replica costs each client about one
 *   timeout (until the rebroadcast request's replies come back), not one per transaction. A replica
 *   that answers keeps its clients, and so does a ledger that has answered nothing yet (a commit
 *   latency longer than the timeout): the rebroadcast covers what such a replica drops. A reply
 *   that names a leader (Raft's) moves the client there (§8), once the client has checked it: a
 *   reply it drops unchecked (a duplicate, one after confirmation) may be forged or stale.
 *
 * Requests are numbered in submission order (the client's sequence numbers); the target is read at
 * submission, so the rule keeps only numbers: of the first request sent to the current target, and
 * of the first sent after the latest reply from it and from any other replica.
 */
import type { HostId } from '../../../sim/index.ts';

export type ClientRequests = 'primary' | 'any-replica';

/** The definition's default: a protocol that says nothing is served by its primary, replica 0. */
const DEFAULT_CLIENT_REQUESTS: ClientRequests = 'primary';

export class RequestTarget {
  private index: number;
  /** Sequence number of the first request sent to the current target. */
  private firstSeq = 0;
  /** Sequence number of the first request sent after the current target's latest reply. */
  private targetAnsweredBeforeSeq = 0;
  /** Sequence number of the first request sent after the latest reply from another replica. */
  private othersAnsweredBeforeSeq = 0;

  /** `home`: the replica (host) an 'any-replica' client starts at; unused for 'primary'. */
  constructor(private readonly replicaHosts: readonly HostId[], private readonly mode: ClientRequests = DEFAULT_CLIENT_REQUESTS, home: HostId) {
    if (replicaHosts.length === 0) throw new RangeError('client: at least one replica is needed');
    if (mode === 'primary') {
      this.index = 0;
      return;
    }
    const homeIndex = replicaHosts.indexOf(home);
    if (homeIndex < 0) throw new RangeError(`client: its home replica must be one of the replicas, found host ${home}`);
    this.index = homeIndex;
  }

  /** The replica a new request goes to. */
  get host(): HostId {
    return this.replicaHosts[this.index]!;
  }

  /**
   * A reply came from `from`, naming `leader` as the leader where it names one and the client
   * checked it (undefined otherwise); `nextSeq` is the number the next request will have.
   */
  replied(from: HostId, leader: HostId | undefined, nextSeq: number): void {
    if (leader !== undefined) this.leaderNamed(leader, nextSeq);
    // Only a client that may move on keeps who answered (replies come from replicas only).
    if (this.mode === 'primary') return;
    if (from === this.replicaHosts[this.index]) this.targetAnsweredBeforeSeq = nextSeq;
    else this.othersAnsweredBeforeSeq = nextSeq;
  }

  private leaderNamed(leader: HostId, nextSeq: number): void {
    if (leader === this.replicaHosts[this.index]) return;
    // Rare (a leader change): a search instead of an index per client.
    const i = this.replicaHosts.indexOf(leader);
    if (i < 0) return;
    this.index = i;
    this.firstSeq = nextSeq;
  }

  /**
   * Request `seq` went unconfirmed for a retransmission timeout (or to its deadline); `nextSeq` is
   * the number the next request will have.
   */
  unanswered(seq: number, nextSeq: number): void {
    if (this.mode !== 'any-replica' || seq < this.firstSeq) return;
    // Silent: its target has not answered since the request went out, and another replica has.
    if (seq < this.targetAnsweredBeforeSeq || seq >= this.othersAnsweredBeforeSeq) return;
    this.index = (this.index + 1) % this.replicaHosts.length;
    this.firstSeq = nextSeq;
  }
}
