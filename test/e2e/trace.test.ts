/** `iomtsim trace` end to end: the timeline of npm start's hospital opens as trace-event JSON; bad input exits 2. */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { largeTraceNote } from '../../src/cli/commands/trace.ts';
import { traceFormatProblems } from '../../src/trace/trace-format.ts';
import { cli } from './cli.ts';

const root = mkdtempSync(join(tmpdir(), 'iomtsim-e2e-trace-'));

describe('iomtsim trace', () => {
  it('writes the timeline of scenarios/default.yaml as valid trace-event JSON and a sequence chart', async () => {
    const out = join(root, 'default');
    const r = await cli(['trace', '--to', '8s', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(join(out, 'trace.json'));
    const text = readFileSync(join(out, 'trace.json'), 'utf8');
    // One line, and its size in the summary: what a user needs to know before opening it.
    expect(text.indexOf('\n')).toBe(text.length - 1);
    expect(r.stdout).toContain(` messages, ${(Buffer.byteLength(text) / 1e6).toFixed(1)} MB; open in`);
    const trace = JSON.parse(text);
    expect(traceFormatProblems(trace)).toEqual([]);
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

  it('suggests a narrower window for a trace above 100 MB, and says nothing below', () => {
    expect(largeTraceNote(100e6 + 1)).toContain('--from and --to, or --hosts');
    expect(largeTraceNote(100e6)).toBe('');
  });
});
