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
 *   that names a leader (Raft's) moves the client there (§8), once the client has checked it: one
 *   it would otherwise drop (a duplicate, one after confirmation) it checks only where the leader
 *   named differs from its target, since a Raft client counts one reply and so learns of a new
 *   leader mostly from its reply to a rebroadcast request already confirmed; a reply it leaves
 *   unchecked may be forged and moves nothing.
 *
 * Under either rule a hint from an older view or term than the newest one taken is stale (a reply
 * sent before a leader change, arriving late) and moves nothing: a view has one primary, a term at
 * most one leader (Castro & Liskov 1999, §4.1; Ongaro & Ousterhout 2014, §5.2).
 *
 * Requests are numbered in submission order (the client's sequence numbers); the target is read at
 * submission, so the rule keeps only numbers: of the first request sent to the current target, and
 * of the first sent after the latest reply from it and from any other replica.
 */
import type { HostId } from '../../../sim/index.ts';
import type { ReplyMessage } from '../types.ts';

export type ClientRequests = 'primary' | 'any-replica';

/** What a reply says of the leader: the replica it names, and the view or term naming it (either may be absent). */
export type LeaderHint = Pick<ReplyMessage, 'leader' | 'view'>;

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
  /** The newest view or term of a leader hint taken; older hints are stale. */
  private hintView = -Infinity;

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
   * Whether taking `hint` would move the client: it names a replica other than the target, in a
   * view or term no older than the newest taken. Only such a reply is worth checking when the
   * client would otherwise drop it.
   */
  private movedBy(hint: LeaderHint): boolean {
    const leader = hint.leader;
    return leader !== undefined && leader !== this.host && !this.isStale(hint) && this.replicaHosts.includes(leader);
  }

  /**
   * A reply a client heard from `from`: whether the client checks it, and so pays for the check,
   * and what it then learns (replied). A reply that counts towards its open request is checked
   * before it counts (Castro & Liskov 1999, §4.1: the client waits for f + 1 valid replies).
   * Another reply of the client's own (`own`: to its request, from the replica it names, reply.ts
   * isOwnReply) is checked only where its leader would move the client: a
   * Raft client counts one reply, so a new leader's reply to a re-sent request already confirmed
   * is how it finds that leader (Ongaro & Ousterhout 2014, §8). The rest are dropped unchecked and
   * move nothing, though they show their sender answering. One rule for the load client and the
   * IoMT ledger client.
   */
  heard(from: HostId, reply: LeaderHint, counted: boolean, own: boolean, nextSeq: number): boolean {
    const checked = counted || (own && this.movedBy(reply));
    this.replied(from, checked ? reply : undefined, nextSeq);
    return checked;
  }

  /**
   * A reply came from `from`, with the leader `hint` it carries where the client checked it
   * (undefined otherwise); `nextSeq` is the number the next request will have.
   */
  private replied(from: HostId, hint: LeaderHint | undefined, nextSeq: number): void {
    if (hint !== undefined) this.take(hint, nextSeq);
    // Only a client that may move on keeps who answered (replies come from replicas only).
    if (this.mode === 'primary') return;
    if (from === this.replicaHosts[this.index]) this.targetAnsweredBeforeSeq = nextSeq;
    else this.othersAnsweredBeforeSeq = nextSeq;
  }

  private isStale(hint: LeaderHint): boolean {
    return hint.view !== undefined && hint.view < this.hintView;
  }

  private take(hint: LeaderHint, nextSeq: number): void {
    const leader = hint.leader;
    if (leader === undefined || this.isStale(hint)) return;
    if (hint.view !== undefined) this.hintView = hint.view;
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
