/**
 * Progress of `iomtsim size` on stderr (stdout stays clean for --json), probe by probe: the value
 * probed, each replication's simulated time, and each SLO's metric so far with what its final mean
 * can no longer go below (the final mean alone once every replication has finished). On a
 * terminal one line is rewritten in place and each verdict stays on its own line; elsewhere (CI
 * logs) plain lines: when a probe starts, when one of its replications ends, every few seconds
 * while it runs, and its verdict (the conventions of progress.ts).
 */
import { meanWhereDefined, stoppedEarlyText, type ProbeProgress } from '../runner/index.ts';
import { onSideOfBound } from '../report/model/format.ts';

const PLAIN_EVERY_MS = 5_000;

function seconds(us: number): string {
  const s = us / 1e6;
  return s >= 100 ? s.toFixed(0) : s.toFixed(1);
}

/**
 * A metric value, short (three significant digits, whole numbers from 100), but never rounded
 * onto or across the SLO's limit: 999.83 against `>= 1000` would read as 1000, a pass, so more
 * digits are added until the printed value is on the same side of the limit as the value itself
 * (and equal to it only when it is equal).
 */
function num(x: number, limit?: number): string {
  const big = Math.abs(x) >= 100;
  const at = (extra: number): string => (big ? x.toFixed(extra) : x.toPrecision(3 + extra));
  if (limit === undefined || !Number.isFinite(x) || !Number.isFinite(limit)) return at(0);
  return onSideOfBound(x, limit, at) ?? String(x);
}

function elapsed(ms: number): string {
  const s = Math.round(ms / 1000);
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

/**
 * An SLO's metric: so far with what the final mean cannot go below, or, once every replication has
 * finished (or the probe stopped on this SLO's metric left undefined: `finalOf`), the final mean alone.
 */
function sloSoFar(s: ProbeProgress['slos'][number], allFinished: boolean, replications: number): string {
  const judgedOn = s.finalOf ?? (allFinished ? replications : undefined);
  if (s.now === null) return `${s.slo}: nothing ${judgedOn !== undefined ? 'produced' : 'yet'}`;
  if (judgedOn !== undefined) return `${s.slo}: ${meanWhereDefined(num(s.now, s.limit), s.undefinedIn === 0 ? undefined : { replications: s.undefinedIn, of: judgedOn })}`;
  const floor = s.atLeast === null || s.atLeast === 0 ? '' : `, final ≥ ${num(s.atLeast, s.limit)}`;
  return `${s.slo}: ${num(s.now, s.limit)} so far${floor}`;
}

function slosText(p: ProbeProgress): string {
  const allFinished = p.replications.every((r) => r.state === 'finished');
  return p.slos.map((s) => sloSoFar(s, allFinished, p.replications.length)).join(' · ');
}

/** One line for a probe under way: which, how far each replication got, each SLO so far. */
export function describeProbe(p: ProbeProgress): string {
  const reps = p.replications.map((r, i) => `rep ${i + 1}/${p.replications.length} ${r.state === 'pending' ? 'waiting' : `${seconds(r.simulatedUs)}/${seconds(p.durationUs)} s`}`);
  return `probe ${p.probesDone + 1}: ${p.key}=${p.value} · ${reps.join(', ')} · ${slosText(p)} · elapsed ${elapsed(p.elapsedMs)}`;
}

/** The line a probe leaves behind: its value, its verdict (why it stopped early, where it did) and the SLOs as they ended. */
export function describeVerdict(p: ProbeProgress): string {
  const verdict = p.stoppedEarly === undefined ? p.verdict ?? '' : `misses (${stoppedEarlyText(p.stoppedEarly, num)})`;
  return `probe ${p.probesDone}: ${p.key}=${p.value} ${verdict} · ${slosText(p)} · elapsed ${elapsed(p.elapsedMs)}`;
}

export interface SizeProgressReporter {
  readonly onProbeProgress: (p: ProbeProgress) => void;
  finish(): void;
}

export function sizeProgressReporter(stream: NodeJS.WriteStream = process.stderr, now: () => number = Date.now): SizeProgressReporter {
  const tty = stream.isTTY === true;
  let pendingNewline = false;
  let lastPlainAt = -Infinity;
  let lastShape = '';
  return {
    onProbeProgress(p) {
      if (p.verdict !== undefined) {
        stream.write(`${tty ? '\r' : ''}${describeVerdict(p)}${tty ? '\x1b[K' : ''}\n`);
        pendingNewline = false;
        lastShape = '';
        return;
      }
      if (tty) {
        stream.write(`\r${describeProbe(p)}\x1b[K`);
        pendingNewline = true;
        return;
      }
      // A plain line when the probe starts or a replication changes state, and every few seconds.
      const shape = `${p.probesDone}:${p.replications.map((r) => r.state).join(',')}`;
      if (shape !== lastShape || now() - lastPlainAt >= PLAIN_EVERY_MS) {
        stream.write(`progress: ${describeProbe(p)}\n`);
        lastShape = shape;
        lastPlainAt = now();
      }
    },
    finish() {
      if (pendingNewline) stream.write('\n');
      pendingNewline = false;
    },
  };
}
