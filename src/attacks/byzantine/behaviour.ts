/**
 * What a Byzantine attack asks of the proxy around a replica (src/attacks/byzantine/replica.ts):
 * a mode with a window, as in Malachite's Byzantine proxy (mode, trigger, configured by data). The
 * proxy offers five generic levers, and a new Byzantine attack is a definition that pulls them:
 * drop what arrives, change what arrives, drop what leaves, hold what leaves, or split the
 * replica's brain into faces.
 * A face may also run one of the protocol's own named levers (its definition's byzantineLevers),
 * for misbehaviour that no filter on messages can make (a validly signed proposal on another QC).
 */
import type { HostId, ModelEvent } from '../../../sim/index.ts';
import type { GroundTruth } from '../ground-truth.ts';
import type { AttackWorld } from '../types.ts';

/**
 * A split brain: the host runs several copies ("faces") of the honest replica and decides which
 * face hears each message and which face's messages reach each peer.
 */
export interface SplitBrain {
  /** Copies of the honest replica the host runs. */
  readonly faces: number;
  isActive(nowUs: number): boolean;
  /** While active: the face that gets an incoming message (not a colluder's envelope), or 'all'. */
  faceFor(from: HostId, msg: unknown): number | 'all';
  /** While active: what face `face` sending to `to` does: send, drop, or send face to face ('envelope'). */
  route(face: number, to: HostId): 'send' | 'drop' | 'envelope';
  /** The protocol lever (one of its definition's byzantineLevers) face `face` runs with while active, if any. */
  lever?(face: number): string | undefined;
  /**
   * While active: whether what face `face` sends to `to` also reaches the host's other faces, once,
   * after the event that sent it. A host knows what its faces make; without this a face whose side
   * never hears another face's node waits for ever on a fetch its side would drop.
   */
  sharesSent?(face: number, to: HostId): boolean;
}

export interface ByzantineBehaviour {
  /** Names the behaviour in the replica's ground-truth label ('equivocation', 'silence', ...). */
  readonly mode: string;
  /**
   * Drop a message before the replica sees it (checked before any split routing); `emit` sends a
   * model event from the replica's host (a TruthLabelEvent for what the attack does as it acts).
   */
  dropsIncoming?(from: HostId, msg: unknown, nowUs: number, emit: (event: ModelEvent) => void): boolean;
  /**
   * Hand the replica a changed copy of a message it did not drop (after every dropsIncoming): the
   * message itself when nothing changes; `emit` as for dropsIncoming. `replica` is the honest code
   * of the replica's first face, not yet given the message, to ask what its protocol lets it be
   * asked (ForwardedIntake, src/protocols/definition.ts).
   */
  rewritesIncoming?(from: HostId, msg: unknown, nowUs: number, emit: (event: ModelEvent) => void, replica: unknown): unknown;
  /**
   * Called before the replica's start, each message or timer and its recovery, once for each of its faces (`replica`, the
   * honest code of that face, before it handles the event): to set what its protocol lets the
   * behaviour set for the event (ProposalExclusion, src/protocols/definition.ts); `emit` as for
   * dropsIncoming, for what the replica then does during the event.
   */
  beforeHandling?(nowUs: number, emit: (event: ModelEvent) => void, replica: unknown): void;
  /** Drop a message the replica sends. */
  dropsOutgoing?(to: HostId, msg: unknown, nowUs: number): boolean;
  /** Hold a message the replica sends for this many µs (released in order), or undefined. */
  holdsOutgoing?(to: HostId, msg: unknown, nowUs: number): number | undefined;
  readonly split?: SplitBrain;
}

/** What a Byzantine definition gets to build its behaviour, before any host exists. */
export interface ByzantineSetup {
  readonly truth: GroundTruth;
  /** Replica hosts by index; empty until the plan is installed. */
  replicaHosts(): readonly HostId[];
  /** Run `fn` when the plan is installed and the hosts exist (fill host sets). */
  whenInstalled(fn: (world: AttackWorld) => void): void;
}
