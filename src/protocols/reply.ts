/**
 * A replica's reply to a client (types.ts `ReplyMessage`): its size on the wire and what its
 * authentication costs the replica that makes it and the client that checks it, stated once for
 * every protocol. Each protocol authenticates its replies as it authenticates its votes
 * (docs/references.md §6).
 */
import type { HostId } from '../../sim/index.ts';
import { macCostUs, MAC_BYTES, SIGNATURE_BYTES, type CryptoCosts } from '../ledger/crypto.ts';
import { txSender } from '../ledger/types.ts';
import type { ProtocolDefinition } from './definition.ts';
import type { ReplicaSettings, ReplyMessage } from './types.ts';

/**
 * How a protocol's replicas authenticate a reply:
 * - 'signature': signed by the replica (HotStuff, Clique, PBFT with `pbft.auth: signatures`);
 * - 'mac': one MAC for the one client it goes to (PBFT's authenticators, Castro & Liskov 1999, §5);
 * - 'channel-mac': the MAC of the secure channel it travels on (Raft over TLS), whose record
 *   framing the protocol counts on none of its messages, so it adds no bytes;
 * - 'none': no authentication (proof of work; a plug-in that states none).
 */
export type ReplyAuthentication = 'signature' | 'mac' | 'channel-mac' | 'none';

/** A reply's fields: a header (view or term, client, request, replica) and the committed block's digest. */
export const REPLY_BODY_BYTES = 48 + 32;

/** A reply's wire size: its fields and the authentication it carries. */
export function replyBytes(auth: ReplyAuthentication, bodyBytes = REPLY_BODY_BYTES): number {
  return bodyBytes + (auth === 'signature' ? SIGNATURE_BYTES : auth === 'mac' ? MAC_BYTES : 0);
}

/** CPU time, µs, for a replica to authenticate one reply. */
export function replySignCostUs(auth: ReplyAuthentication, costs: CryptoCosts): number {
  return auth === 'signature' ? costs.signUs : auth === 'none' ? 0 : macCostUs(costs);
}

/** CPU time, µs, for a client to check one reply's authentication. */
export function replyVerifyCostUs(auth: ReplyAuthentication, costs: CryptoCosts): number {
  return auth === 'signature' ? costs.verifyUs : auth === 'none' ? 0 : macCostUs(costs);
}

/**
 * CPU time, µs, for a client of `protocol`, whose replicas run with `settings`, to check one reply
 * it counts: the one cost the load client (client/client.ts) and the IoMT ledger client
 * (src/iomt/ledger-client.ts) charge, read from the placed consortium (consortium/placement.ts).
 */
export function clientReplyVerifyCostUs(protocol: ProtocolDefinition, settings: ReplicaSettings, costs: CryptoCosts): number {
  return replyVerifyCostUs(protocol.replyAuthentication?.(settings.params) ?? 'none', costs);
}

/**
 * Whether `reply`, heard by client `self` from host `from`, answers a request of that client's and
 * comes from the replica it names. A reply is replica i's answer, authenticated by i (Castro &
 * Liskov 1999, §4.1), so one that names another replica than its sender is forged: a client
 * neither counts it towards the f + 1 it waits for nor checks it, and only such a reply can move
 * it. The one rule of the load client (client/client.ts) and the IoMT ledger client
 * (src/iomt/ledger-client.ts), so that no replica can answer in another's name to either.
 */
export function isOwnReply(self: HostId, from: HostId, reply: Pick<ReplyMessage, 'txId' | 'replica'>): boolean {
  return txSender(reply.txId) === self && reply.replica === from;
}
