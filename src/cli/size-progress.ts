/**
 * Progress of `iomtsim size` on stderr (stdout stays clean for --json), probe by probe: the value
 * probed, each replication's simulated time, and each SLO's metric so far with what its final mean
 * can no longer go below. On a terminal one line is rewritten in place and each verdict stays on
 * its own line; elsewhere (CI logs) plain lines: when a probe starts, when one of its replications
 * ends, every few seconds while it runs, and its verdict (the conventions of progress.ts).
 */
import type { ProbeProgress } from '../runner/index.ts';

const PLAIN_EVERY_MS = 5_000;

function seconds(us: number): string {
  const s = us / 1e6;
  return s >= 100 ? s.toFixed(0) : s.toFixed(1);
}

function num(x: number): string {
  return Math.abs(x) >= 100 ? x.toFixed(0) : x.toPrecision(3);
}

function elapsed(ms: number): string {
  const s = Math.round(ms / 1000);
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

function sloSoFar(s: ProbeProgress['slos'][number]): string {
  const now = s.now === null ? 'nothing yet' : `${num(s.now)} so far`;
  const floor = s.atLeast === null || s.atLeast === 0 ? '' : `, final ≥ ${num(s.atLeast)}`;
  return `${s.slo}: ${now}${floor}`;
}

/** One line for a probe under way: which, how far each replication got, each SLO so far. */
export function describeProbe(p: ProbeProgress): string {
  const reps = p.replications.map((r, i) => `rep ${i + 1}/${p.replications.length} ${r.state === 'pending' ? 'waiting' : `${seconds(r.simulatedUs)}/${seconds(p.durationUs)} s`}`);
  return `probe ${p.probesDone + 1}: ${p.key}=${p.value} · ${reps.join(', ')} · ${p.slos.map(sloSoFar).join(' · ')} · elapsed ${elapsed(p.elapsedMs)}`;
}

/** The line a probe leaves behind: its value, its verdict and the SLOs as they ended. */
export function describeVerdict(p: ProbeProgress): string {
  return `probe ${p.probesDone}: ${p.key}=${p.value} ${p.verdict ?? ''} · ${p.slos.map(sloSoFar).join(' · ')} · elapsed ${elapsed(p.elapsedMs)}`;
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
