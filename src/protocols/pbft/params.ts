/**
 * PBFT's own parameters, read from `ReplicaConfig.params` (the scenario's consensus section, which
 * holds them under `pbft`, or the `pbft` block itself). Durations are in µs already.
 */
import type { ParameterDoc } from '../types.ts';

export interface PbftParams {
  /** Checkpoint period K (§4.3). */
  readonly checkpointInterval: number;
  /** Log size L: sequence numbers accepted above the low water mark (§4.2). */
  readonly logWindow: number;
  /** Initial view-change timer (§4.4), doubled per consecutive failed view (§4.5.2). */
  readonly viewChangeTimeoutUs: number;
  /** MAC authenticators in the normal case (§5), or signatures everywhere. */
  readonly auth: 'macs' | 'signatures';
  /** Executed batches kept below the low water mark for state transfer to lagging replicas. */
  readonly stateTransferWindow: number;
}

export const PBFT_DEFAULTS: PbftParams = { checkpointInterval: 128, logWindow: 256, viewChangeTimeoutUs: 1_000_000, auth: 'macs', stateTransferWindow: 4096 };

export const PBFT_PARAMETER_DOCS: readonly ParameterDoc[] = [
  { name: 'pbft.checkpointInterval', type: 'integer', default: '128', meaning: 'checkpoint period K in sequence numbers; stable checkpoints garbage-collect the log (§4.3)' },
  { name: 'pbft.logWindow', type: 'integer', default: '256', meaning: 'log size L between low and high water marks; bounds the pipeline of outstanding batches (§4.2)' },
  { name: 'pbft.viewChangeTimeout', type: 'duration', default: '1s', meaning: 'time a backup waits for a request to execute before suspecting the primary; doubles per failed view (§4.4, §4.5.2)' },
  { name: 'pbft.stateTransferWindow', type: 'integer', default: '4096', meaning: 'executed batches each replica keeps below its low water mark so a lagging or recovered replica can fetch them (§4.3)' },
  { name: 'pbft.auth', type: "'macs' | 'signatures'", default: 'macs', meaning: 'MAC authenticators in the normal case with signed view changes (§5), or signatures on every message' },
];

export function pbftParams(params: Readonly<Record<string, unknown>>): PbftParams {
  const nested = params['pbft'];
  const p = (nested !== null && typeof nested === 'object' ? nested : params) as Record<string, unknown>;
  const int = (key: string, fallback: number, min: number): number => {
    const v = p[key] ?? fallback;
    if (!(typeof v === 'number' && Number.isInteger(v) && v >= min)) throw new RangeError(`consensus.pbft.${key}: expected an integer ≥ ${min}, found ${JSON.stringify(v)}`);
    return v;
  };
  const checkpointInterval = int('checkpointInterval', PBFT_DEFAULTS.checkpointInterval, 1);
  const logWindow = int('logWindow', PBFT_DEFAULTS.logWindow, 2);
  if (logWindow < checkpointInterval) {
    throw new RangeError(`consensus.pbft.logWindow: expected at least checkpointInterval (${checkpointInterval}), found ${logWindow}`);
  }
  const timeout = p['viewChangeTimeout'] ?? p['viewChangeTimeoutUs'] ?? PBFT_DEFAULTS.viewChangeTimeoutUs;
  if (!(typeof timeout === 'number' && timeout > 0)) throw new RangeError(`consensus.pbft.viewChangeTimeout: expected a positive duration, found ${JSON.stringify(timeout)}`);
  const auth = p['auth'] ?? PBFT_DEFAULTS.auth;
  if (auth !== 'macs' && auth !== 'signatures') throw new RangeError(`consensus.pbft.auth: expected 'macs' or 'signatures', found ${JSON.stringify(auth)}`);
  const stateTransferWindow = int('stateTransferWindow', PBFT_DEFAULTS.stateTransferWindow, 0);
  return { checkpointInterval, logWindow, viewChangeTimeoutUs: timeout, auth, stateTransferWindow };
}
