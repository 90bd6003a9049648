/**
 * Raft's own parameters, as found in `consensus.raft` of a scenario (durations already in µs).
 * Defaults follow the paper's evaluation (§9.3: election timeouts of 150–300 ms) and a heartbeat
 * well below the minimum timeout, as §5.6 requires (broadcastTime ≪ electionTimeout).
 */
import type { ParameterDoc } from '../types.ts';
import { readParams } from './params-reader.ts';

export interface RaftParams {
  readonly electionTimeoutMinUs: number;
  readonly electionTimeoutMaxUs: number;
  readonly heartbeatIntervalUs: number;
  readonly maxEntriesPerAppend: number;
}

export const RAFT_DEFAULTS = {
  electionTimeoutMin: 150_000,
  electionTimeoutMax: 300_000,
  heartbeatInterval: 50_000,
  maxEntriesPerAppend: 64,
} as const;

export const RAFT_PARAMETER_DOCS: readonly ParameterDoc[] = [
  { name: 'raft.electionTimeoutMin', type: 'duration', default: '150ms', meaning: 'lower bound of the randomized election timeout (§5.2)' },
  { name: 'raft.electionTimeoutMax', type: 'duration', default: '300ms', meaning: 'upper bound of the randomized election timeout (§5.2)' },
  { name: 'raft.heartbeatInterval', type: 'duration', default: '50ms', meaning: 'idle AppendEntries period of the leader (§5.2)' },
  { name: 'raft.maxEntriesPerAppend', type: 'integer', default: '64', meaning: 'most log entries in one AppendEntries (catch-up batching)' },
];

export function raftParams(params: Readonly<Record<string, unknown>>): RaftParams {
  const p = readParams('raft', params, RAFT_DEFAULTS);
  if (!(p.electionTimeoutMin > 0 && p.electionTimeoutMax >= p.electionTimeoutMin)) {
    throw new RangeError(
      `consensus.raft.electionTimeoutMax: expected a duration ≥ electionTimeoutMin (${p.electionTimeoutMin} µs) > 0, found ${p.electionTimeoutMax} µs`,
    );
  }
  if (!(p.heartbeatInterval > 0 && p.heartbeatInterval < p.electionTimeoutMin)) {
    throw new RangeError(
      `consensus.raft.heartbeatInterval: expected a positive duration below electionTimeoutMin (${p.electionTimeoutMin} µs), found ${p.heartbeatInterval} µs`,
    );
  }
  if (!(Number.isInteger(p.maxEntriesPerAppend) && p.maxEntriesPerAppend >= 1)) {
    throw new RangeError(`consensus.raft.maxEntriesPerAppend: expected an integer ≥ 1, found ${p.maxEntriesPerAppend}`);
  }
  return {
    electionTimeoutMinUs: p.electionTimeoutMin,
    electionTimeoutMaxUs: p.electionTimeoutMax,
    heartbeatIntervalUs: p.heartbeatInterval,
    maxEntriesPerAppend: p.maxEntriesPerAppend,
  };
}
