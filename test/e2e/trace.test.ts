/** `iomtsim trace` end to end: the timeline of npm start's hospital opens as trace-event JSON; bad input exits 2. */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { largeTraceNote, traceCommand } from '../../src/cli/commands/trace.ts';
import type { InputIssue } from '../../src/scenario/errors.ts';
import { refusalOf } from '../../src/scenario/testing/input-issue.ts';
import { traceFormatProblems } from '../../src/trace/trace-format.ts';
import { cli } from './cli.ts';

const root = mkdtempSync(join(tmpdir(), 'iomtsim-e2e-trace-'));

/**
 * The one issue `trace scenarios/pbft.yaml --set duration=2s --set warmup=1s` with `flags` is
 * refused with, in process; the output folder must not have been made.
 */
async function pbftRefusal(flags: { from?: string; hosts?: string; decisions?: string }): Promise<InputIssue> {
  const out = join(root, 'refused');
  const issue = await refusalOf(() => traceCommand({ scenario: 'scenarios/pbft.yaml', set: ['duration=2s', 'warmup=1s'], from: '0s', decisions: '3', ...flags, out }));
  expect(existsSync(out)).toBe(false);
  return issue;
}

describe('iomtsim trace', () => {
  it('writes the timeline of scenarios/default.yaml as valid trace-event JSON and a sequence chart', async () => {
    const out = join(root, 'default');
    const r = await cli(['trace', '--to', '8s', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(join(out, 'trace.json'));
    const text = readFileSync(join(out, 'trace.json'), 'utf8');
    // One line, and its size in the summary: what a user needs to know before opening it.
    expect(text.indexOf('\n')).toBe(text.length - 1);
    expect(r.stdout).toContain(` delivered in the window, ${(Buffer.byteLength(text) / 1e6).toFixed(1)} MB; open in`);
    const trace = JSON.parse(text);
    expect(traceFormatProblems(trace)).toEqual([]);
    // Each count says what it counts: processor slices apart from send marks, messages sent apart from those delivered.
    const count = (ph: string, cat?: string): number => trace.traceEvents.filter((e: { ph: string; cat?: string }) => e.ph === ph && (cat === undefined || e.cat === cat)).length;
    const [, cpu, marks, sent, delivered] = /\((\d+) CPU slices, (\d+) send marks, (\d+) messages sent and (\d+) delivered in the window/.exec(r.stdout)!.map(Number);
    expect([cpu, marks, delivered]).toEqual([count('X', 'cpu'), count('X', 'send'), count('f')]);
    // From 0 s no message was sent before the window: each send mark is a message sent in it.
    expect(sent).toBe(marks);
    expect(readFileSync(join(out, 'sequence.svg'), 'utf8')).toContain('<line class="message" data-kind="pbft-pre-prepare"');
  }, 60_000);

  it('refuses a window that ends before it starts with exit 2, writing nothing', async () => {
    const out = join(root, 'backwards');
    const r = await cli(['trace', 'scenarios/consortium.yaml', '--from', '2s', '--to', '1s', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--to 1s');
    expect(existsSync(out)).toBe(false);
  });

  it('refuses a proof-of-work scenario with exit 2, saying why', async () => {
    const r = await cli(['trace', 'scenarios/pow.yaml', '--out', join(root, 'pow')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('consensus.protocol');
  });

  it('refuses a window that starts when the run has ended', async () => {
    expect(await pbftRefusal({ from: '5s' })).toEqual({ source: '--from 5s', path: '(flag)', expected: "a time before the run ends at 2s (the scenario's duration)", found: "'5s'" });
    expect((await pbftRefusal({ from: '2s' })).source).toBe('--from 2s');
  });

  it('refuses a host the scenario does not have, saying how many it has', async () => {
    expect(await pbftRefusal({ hosts: '99' })).toMatchObject({ source: '--hosts 99', expected: expect.stringMatching(/^host ids from 0 to \d+ \(scenario 'pbft' has \d+ hosts\)$/) });
  });

  it('refuses a range far past the last host at once', async () => {
    expect((await pbftRefusal({ hosts: '0..999999999' })).found).toBe("'0..999999999'");
  });

  it('refuses a reversed range of hosts', async () => {
    expect((await pbftRefusal({ hosts: '5..2' })).expected).toBe('a range low..high with low ≤ high');
  });

  it('shows a --decisions that is no number as typed', async () => {
    expect(await pbftRefusal({ decisions: 'abc' })).toMatchObject({ source: '--decisions abc', found: "'abc'" });
  });

  it.each(['--from', '--decisions'])('refuses %s without a value with exit 2, naming it, as --to is', async (flag) => {
    const out = join(root, `bare${flag}`);
    const r = await cli(['trace', 'scenarios/pbft.yaml', '--set', 'duration=2s', '--set', 'warmup=1s', '--to', '500ms', '--out', out, flag]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^${flag} : \\(flag\\): expected`));
    expect(existsSync(out)).toBe(false);
  });

  it('suggests a narrower window for a trace above 100 MB, and says nothing below', () => {
    expect(largeTraceNote(100e6 + 1)).toContain('--from and --to, or --hosts');
    expect(largeTraceNote(100e6)).toBe('');
  });
});
