/**
 * Progress on stderr (stdout stays clean for --json): on a terminal a live one-line bar with the
 * replications (or fuzz seeds) done, simulated seconds per wall second and an ETA; elsewhere (CI
 * logs) a plain line every few seconds.
 */
import type { Progress } from '../runner/index.ts';

const TTY_REFRESH_MS = 500;
const PLAIN_EVERY_MS = 5_000;
const BAR_WIDTH = 24;

function duration(ms: number): string {
  if (!Number.isFinite(ms)) return '?';
  const s = Math.round(ms / 1000);
  return s >= 3600 ? `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m` : s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

/** What one finished unit of work is called in the line: 'replications' or 'seeds'. */
export type ProgressUnit = 'replications' | 'seeds';

/**
 * The line for `p`, drawn `sinceMs` after it was measured: the clock and the ETA move on, the rate
 * stays that of the measurement (dividing its simulated time by a later clock would show the run
 * slowing down between two measurements, and jumping back at the next).
 */
export function describeProgress(p: Progress, unit: ProgressUnit = 'replications', sinceMs = 0): string {
  const finished = p.done + p.failed;
  const finishedNow = finished - p.doneBefore;
  // Until a replication finishes, from the simulated time the running ones have reached.
  const eta = finishedNow > 0
    ? (p.elapsedMs / finishedNow) * (p.total - finished)
    : p.simulatedTotalUs !== undefined && p.simulatedUs > 0 ? (p.elapsedMs / p.simulatedUs) * (p.simulatedTotalUs - p.simulatedUs) : Infinity;
  const rate = p.elapsedMs > 0 ? p.simulatedUs / 1e6 / (p.elapsedMs / 1000) : 0;
  const failed = p.failed > 0 ? `, ${p.failed} failed` : '';
  return `${finished}/${p.total} ${unit}${failed} · ${rate.toFixed(1)} sim-s/s · elapsed ${duration(p.elapsedMs + sinceMs)} · ETA ${duration(Math.max(0, eta - sinceMs))}`;
}

export interface ProgressReporter {
  readonly onProgress: (p: Progress) => void;
  /** A line of its own (a failing fuzz seed): on a terminal it replaces the bar, which is drawn again below it. */
  note(line: string): void;
  finish(): void;
}

/**
 * Redraws on every finished replication and on a timer (so a long replication still shows the
 * clock moving): every 0.5 s on a terminal, a new line every 5 s elsewhere.
 */
export function progressReporter(stream: NodeJS.WriteStream = process.stderr, now: () => number = Date.now, unit: ProgressUnit = 'replications'): ProgressReporter {
  const tty = stream.isTTY === true;
  let latest: { progress: Progress; at: number } | undefined;
  let lastPlainLine = now();
  let drawn = false;
  const draw = (): void => {
    if (!latest) return;
    const p = latest.progress;
    const line = describeProgress(p, unit, now() - latest.at);
    if (tty) {
      const finished = p.done + p.failed;
      const filled = p.total === 0 ? BAR_WIDTH : Math.round((BAR_WIDTH * finished) / p.total);
      stream.write(`\r[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${line}\x1b[K`);
      drawn = true;
    } else if (now() - lastPlainLine >= PLAIN_EVERY_MS) {
      lastPlainLine = now();
      stream.write(`progress: ${line}\n`);
    }
  };
  const timer = setInterval(draw, tty ? TTY_REFRESH_MS : 1_000);
  timer.unref();
  return {
    onProgress(p) {
      latest = { progress: p, at: now() };
      if (tty) draw();
    },
    note(line) {
      if (tty && drawn) {
        stream.write(`\r\x1b[K${line}\n`);
        draw();
      } else {
        stream.write(`${line}\n`);
      }
    },
    finish() {
      clearInterval(timer);
      if (drawn) stream.write('\n');
    },
  };
}
