/**
 * The protocol parameters a seed draws: the timers and windows each protocol's liveness and
 * recovery depend on, in ranges a deployment could choose. A plug-in keeps its defaults (the
 * fuzzer cannot know which of its fields are timers).
 */
import type { Rng } from '../../sim/index.ts';
import { newViewBytes, viewChangeBytes } from '../protocols/pbft/messages.ts';
import { chance, intIn, logIn, ms } from './draw.ts';
import type { Family } from './target.ts';

/** Batches in the largest message whose sending time the timers must cover (derive.ts counts it in Δ). */
export const MESSAGE_BATCHES = 16;

/** The parameter block as a scenario file writes it, and the same values in µs for the liveness bound. */
export interface DrawnParams {
  readonly block: Record<string, unknown>;
  readonly timersUs: Record<string, number>;
}

const roundMs = (us: number): number => Math.max(1000, Math.round(us / 1000) * 1000);

/**
 * Every timer at least ten one-way delays Δ (`deltaUs`: latency and the sending of the largest message): Raft asks broadcastTime ≪ electionTimeout
 * (Ongaro & Ousterhout §5.6, an order of magnitude), and a view or an election needs a few message
 * delays to succeed; with shorter timers no view ever completes and the protocol owes no progress.
 */
const TIMER_DELTAS = 10;

/** The network a seed drew, as the timers need it. */
export interface TimerNetwork {
  /** One-way delay Δ: latency and the sending of the largest batch message. */
  readonly deltaUs: number;
  readonly nodes: number;
  /** The protocol's quorum at this n. */
  readonly quorum: number;
  /** Time to send `bytes` to each of the other n − 1 replicas through one uplink, plus the latency. */
  broadcastUs(bytes: number): number;
}

export function drawProtocolParams(rng: Rng, family: Family, net: TimerNetwork): DrawnParams {
  const floorUs = TIMER_DELTAS * net.deltaUs;
  const timer = (us: number): number => roundMs(Math.max(us, floorUs));
  switch (family) {
    case 'pbft': {
      const drawnTimeoutUs = logIn(rng, 200_000, 1_000_000);
      const checkpointInterval = intIn(rng, 4, 64);
      // A view change moves PBFT's largest messages (§4.4): every replica broadcasts a VIEW-CHANGE with
      // a prepared certificate (a pre-prepare and up to n − 1 prepares) per request in its log
      // window, and the new primary broadcasts a NEW-VIEW carrying q of them by their signatures.
      // Δ for the view-change timer is the NEW-VIEW's broadcast; the exchange (both broadcasts) is
      // time every view change spends before its primary proposes, which the liveness bound adds.
      const logWindow = 2 * checkpointInterval;
      const viewChangeSignatures = 1 + net.nodes + logWindow * net.nodes;
      const viewChangeUs = net.broadcastUs(viewChangeBytes(net.nodes, logWindow * net.nodes));
      const newViewUs = net.broadcastUs(newViewBytes(Array<number>(net.quorum).fill(viewChangeSignatures), logWindow));
      const viewChangeTimeout = roundMs(Math.max(timer(drawnTimeoutUs), TIMER_DELTAS * newViewUs));
      return {
        block: { viewChangeTimeout: ms(viewChangeTimeout), checkpointInterval, logWindow },
        timersUs: { viewChangeTimeout, viewChangeExchange: viewChangeUs + newViewUs },
      };
    }
    case 'hotstuff': {
      const viewTimeout = timer(logIn(rng, 100_000, 800_000));
      const viewTimeoutMax = viewTimeout * intIn(rng, 2, 8);
      const backoff = chance(rng, 0.7) ? 'exponential' : 'fixed';
      return {
        block: { viewTimeout: ms(viewTimeout), viewTimeoutMax: ms(viewTimeoutMax), backoff },
        timersUs: { viewTimeout, viewTimeoutMax: backoff === 'fixed' ? viewTimeout : viewTimeoutMax },
      };
    }
    case 'raft': {
      const electionTimeoutMin = timer(logIn(rng, 50_000, 300_000));
      const electionTimeoutMax = roundMs(electionTimeoutMin * (1.5 + rng.float() * 1.5));
      const heartbeatInterval = roundMs(electionTimeoutMin / intIn(rng, 3, 6));
      const persistLatency = roundMs(rng.float() * 5000);
      // Log-uniform: 4 or fewer about half the time, so followers far behind catch up over many
      // AppendEntries that carry earlier terms' entries without the leader's own (§5.4.2, Figure 8).
      const maxEntriesPerAppend = Math.round(logIn(rng, 1, MESSAGE_BATCHES));
      return {
        block: { electionTimeoutMin: ms(electionTimeoutMin), electionTimeoutMax: ms(electionTimeoutMax), heartbeatInterval: ms(heartbeatInterval), persistLatency: ms(persistLatency), maxEntriesPerAppend },
        timersUs: { electionTimeoutMax, persistLatency },
      };
    }
    case 'poa': {
      const period = timer(logIn(rng, 200_000, 2_000_000));
      const wiggle = roundMs(logIn(rng, 20_000, 500_000));
      return { block: { period: ms(period), wiggle: ms(wiggle) }, timersUs: { period, wiggle } };
    }
    case 'pow':
    case 'plug-in':
      return { block: {}, timersUs: {} };
  }
}
