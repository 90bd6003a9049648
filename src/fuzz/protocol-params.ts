/**
 * The protocol parameters a seed draws: the timers and windows each protocol's liveness and
 * recovery depend on, in ranges a deployment could choose. A plug-in keeps its defaults (the
 * fuzzer cannot know which of its fields are timers).
 */
import type { Rng } from '../../sim/index.ts';
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

export function drawProtocolParams(rng: Rng, family: Family, deltaUs: number): DrawnParams {
  const floorUs = TIMER_DELTAS * deltaUs;
  const timer = (us: number): number => roundMs(Math.max(us, floorUs));
  switch (family) {
    case 'pbft': {
      const viewChangeTimeout = timer(logIn(rng, 200_000, 1_000_000));
      const checkpointInterval = intIn(rng, 4, 64);
      return {
        block: { viewChangeTimeout: ms(viewChangeTimeout), checkpointInterval, logWindow: 2 * checkpointInterval },
        timersUs: { viewChangeTimeout },
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
      const maxEntriesPerAppend = intIn(rng, 1, MESSAGE_BATCHES);
      return {
        block: { electionTimeoutMin: ms(electionTimeoutMin), electionTimeoutMax: ms(electionTimeoutMax), heartbeatInterval: ms(heartbeatInterval), persistLatency: ms(persistLatency), maxEntriesPerAppend },
        timersUs: { electionTimeoutMax },
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
