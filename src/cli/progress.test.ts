import { describe, expect, it } from 'vitest';
import { describeProgress, progressReporter } from './progress.ts';

describe('progress line', () => {
  it('shows replications done, simulated seconds per wall second and the ETA', () => {
    const line = describeProgress({ done: 2, doneBefore: 0, failed: 0, total: 8, simulatedUs: 120_000_000, elapsedMs: 4_000 });
    expect(line).toBe('2/8 replications · 30.0 sim-s/s · elapsed 4s · ETA 12s');
  });

  it('estimates the time left from this attempt only when resuming', () => {
    const line = describeProgress({ done: 6, doneBefore: 4, failed: 0, total: 8, simulatedUs: 0, elapsedMs: 2_000 });
    expect(line).toContain('ETA 2s');
  });

  it('estimates the time left from the simulated time reached while no replication has finished', () => {
    const line = describeProgress({ done: 0, doneBefore: 0, failed: 0, total: 1, simulatedUs: 900_000_000, simulatedTotalUs: 3_600_000_000, elapsedMs: 30_000 });
    expect(line).toBe('0/1 replications · 30.0 sim-s/s · elapsed 30s · ETA 1m30s');
  });

  it('drawn after its measurement, moves the clock and the ETA on and keeps the measured rate', () => {
    const p = { done: 0, doneBefore: 0, failed: 0, total: 1, simulatedUs: 900_000_000, simulatedTotalUs: 3_600_000_000, elapsedMs: 30_000 };
    expect(describeProgress(p, 'replications', 10_000)).toBe('0/1 replications · 30.0 sim-s/s · elapsed 40s · ETA 1m20s');
    expect(describeProgress(p, 'replications', 100_000)).toContain('ETA 0s');
  });

  it('counts failed replications as finished and names them', () => {
    expect(describeProgress({ done: 1, doneBefore: 0, failed: 1, total: 4, simulatedUs: 0, elapsedMs: 1_000 })).toContain('2/4 replications, 1 failed');
  });

  it('names the unit of work: fuzz seeds', () => {
    expect(describeProgress({ done: 3, doneBefore: 0, failed: 1, total: 10, simulatedUs: 0, elapsedMs: 1_000 }, 'seeds')).toMatch(/^4\/10 seeds, 1 failed · /);
  });
});

describe('progress reporter', () => {
  it('on a terminal redraws between measurements at the rate last measured', () => {
    const written: string[] = [];
    const stream = { isTTY: true, write: (s: string) => written.push(s) } as unknown as NodeJS.WriteStream;
    let clock = 0;
    const reporter = progressReporter(stream, () => clock);
    reporter.onProgress({ done: 0, doneBefore: 0, failed: 0, total: 1, simulatedUs: 60_000_000, simulatedTotalUs: 600_000_000, elapsedMs: 2_000 });
    clock = 4_000;
    reporter.note('a note');
    reporter.finish();
    expect(written.at(-2)).toContain('30.0 sim-s/s · elapsed 6s · ETA 14s');
  });
});

describe('progress reporter notes', () => {
  function fakeStream(isTTY: boolean) {
    const written: string[] = [];
    return { written, stream: { isTTY, write: (s: string) => written.push(s) } as unknown as NodeJS.WriteStream };
  }
  const progress = { done: 1, doneBefore: 0, failed: 0, total: 4, simulatedUs: 0, elapsedMs: 1_000 };

  it('on a terminal clears the bar for a note and draws the bar again below it', () => {
    const { written, stream } = fakeStream(true);
    const reporter = progressReporter(stream, () => 0, 'seeds');
    reporter.onProgress(progress);
    reporter.note('seed 7: safety');
    reporter.finish();
    expect(written[1]).toBe('\r\x1b[Kseed 7: safety\n');
    expect(written[2]).toMatch(/^\r\[#+-+\] 1\/4 seeds · /);
  });

  it('elsewhere writes a note as a plain line', () => {
    const { written, stream } = fakeStream(false);
    const reporter = progressReporter(stream, () => 0, 'seeds');
    reporter.onProgress(progress);
    reporter.note('seed 7: safety');
    reporter.finish();
    expect(written).toEqual(['seed 7: safety\n']);
  });
});
