/**
 * Progress on stderr (stdout stays clean for --json): on a terminal a live one-line bar with the
 * replications done, simulated seconds per wall second and an ETA; elsewhere (CI logs) a plain
 * line every few seconds.
 */
import type { Progress } from '../runner/index.ts';

const TTY_REFRESH_MS = 100;
const PLAIN_EVERY_MS = 5_000;
const BAR_WIDTH = 24;

function duration(ms: number): string {
  if (!Number.isFinite(ms)) return '?';
  const s = Math.round(ms / 1000);
  return s >= 3600 ? `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m` : s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

export function describeProgress(p: Progress): string {
  const finished = p.done + p.failed;
  const finishedNow = finished - p.doneBefore;
  const eta = finishedNow === 0 ? Infinity : (p.elapsedMs / finishedNow) * (p.total - finished);
  const rate = p.elapsedMs > 0 ? p.simulatedUs / 1e6 / (p.elapsedMs / 1000) : 0;
  const failed = p.failed > 0 ? `, ${p.failed} failed` : '';
  return `${finished}/${p.total} replications${failed} · ${rate.toFixed(1)} sim-s/s · elapsed ${duration(p.elapsedMs)} · ETA ${duration(eta)}`;
}

export interface ProgressReporter {
  readonly onProgress: (p: Progress) => void;
  finish(): void;
}

export function progressReporter(stream: NodeJS.WriteStream = process.stderr, now: () => number = Date.now): ProgressReporter {
  let last = 0;
  let drawn = false;
  if (stream.isTTY) {
    return {
      onProgress(p) {
        const t = now();
        if (t - last < TTY_REFRESH_MS && p.done + p.failed < p.total) return;
        last = t;
        const filled = p.total === 0 ? BAR_WIDTH : Math.round((BAR_WIDTH * (p.done + p.failed)) / p.total);
        stream.write(`\r[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${describeProgress(p)}\x1b[K`);
        drawn = true;
      },
      finish() {
        if (drawn) stream.write('\n');
      },
    };
  }
  const start = now();
  last = start;
  return {
    onProgress(p) {
      const t = now();
      if (t - last < PLAIN_EVERY_MS) return;
      last = t;
      stream.write(`progress: ${describeProgress(p)}\n`);
    },
    finish() {},
  };
}
