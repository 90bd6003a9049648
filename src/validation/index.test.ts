import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { renderHtml, renderMarkdown } from './report.ts';
import { runCalibrations, runChecks } from './run.ts';
import { formatTables } from './table.ts';
import { checkOnly, selectCalibrations, selectChecks, validateCommand, validationResults } from './index.ts';
import type { Calibration, ValidationCheck } from './types.ts';

const fitted: Calibration = {
  id: 'calibration.x', group: 'x', title: 'a fitted input', reference: 'a paper', calibrated: 'k = 2, fitted to the paper',
  run: () => ({ published: 10, simulated: 30, unit: 's', samples: 1, detail: 'far from the figure' }),
};

describe('checkOnly', () => {
  it('refuses a prefix that starts no check or calibration id (a typo must not pass with nothing checked)', () => {
    expect(() => checkOnly({ quick: false, only: ['ideal.pbft.', 'idael'] })).toThrow(/--only idael: \(flag\): expected the start of a check or calibration id .*found 'idael', which starts none/);
  });

  it('refuses an empty selection (--only \'\'), which would run everything or nothing', () => {
    expect(() => checkOnly({ quick: false, only: [] })).toThrow(/^--only: \(flag\): expected the start of a check or calibration id, or several separated by commas \(they start with .*\), found nothing$/);
  });

  it('refuses a selection of full-suite checks only with --quick, which would run none', () => {
    expect(() => checkOnly({ quick: true, only: ['selfish-mining.revenue.a0.1-'] })).toThrow(/expected a selection with at least one check to run with --quick/);
  });

  it('accepts prefixes that each start some id and select a check to run', () => {
    expect(() => checkOnly({ quick: true, only: ['ideal.raft.commit', 'selfish-mining.revenue.a0.1-'] })).not.toThrow();
  });
});

describe('validateCommand', () => {
  it('writes the report page and JSON and returns 0 when every selected check passes', async () => {
    const out = mkdtempSync(join(tmpdir(), 'iomtsim-validate-'));
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const code = await validateCommand({ quick: true, json: true, out, only: ['ideal.raft.commit'] });
    const printed = String(write.mock.calls.map((c) => c[0]).join(''));
    write.mockRestore();
    expect(code).toBe(0);
    const json = JSON.parse(printed);
    expect(json.checks).toHaveLength(1);
    expect(json.calibrations).toEqual([]);
    expect(json.summary).toEqual({ passed: 1, failed: 0, calibrations: 0 });
    expect(readFileSync(join(out, 'report.md'), 'utf8')).toContain('ideal network');
    expect(existsSync(join(out, 'report.html'))).toBe(true);
  });

  it('marks a check that throws as failed instead of stopping the suite, and the page shows FAIL', () => {
    const broken: ValidationCheck = { id: 'x.broken', group: 'x', title: 'broken', reference: 'none', quick: true, run: () => { throw new Error('boom'); } };
    const [r] = runChecks([broken]);
    expect(r!.status).toBe('fail');
    expect(renderHtml(validationResults(true, [r!], []))).toContain('FAIL');
    expect(formatTables(validationResults(true, [r!], []))).toContain('failed:\n  x.broken: the check failed to run: boom');
  });

  it('the quick subset is a strict subset of all checks, and runs no calibration', () => {
    const all = selectChecks({ quick: false });
    const quick = selectChecks({ quick: true });
    expect(quick.length).toBeGreaterThan(0);
    expect(quick.length).toBeLessThan(all.length);
    expect(selectCalibrations({ quick: true })).toEqual([]);
    expect(selectCalibrations({ quick: false }).length).toBeGreaterThan(0);
  });

  it('no check id is also a calibration id', () => {
    const checks = new Set(selectChecks({ quick: false }).map((c) => c.id));
    expect(selectCalibrations({ quick: false }).filter((c) => checks.has(c.id))).toEqual([]);
  });
});

describe('calibrations', () => {
  it('are reported apart, with status calibration, and never counted as passed or failed', () => {
    const [c] = runCalibrations([fitted]);
    expect(c!.status).toBe('calibration');
    const results = validationResults(false, [], [c!]);
    expect(results.summary).toEqual({ passed: 0, failed: 0, calibrations: 1 });
    expect(results.checks).toEqual([]);
  });

  it('appear in the table, the Markdown and the page under their own heading, without a verdict', () => {
    const [c] = runCalibrations([fitted]);
    const [broken] = runChecks([{ id: 'x.fails', group: 'x', title: 'fails', reference: 'none', quick: true, run: () => ({ expected: 1, simulated: 2, unit: '', basis: { kind: 'exact', absolute: 0 }, passed: false, samples: 1, detail: '' }) }]);
    const results = validationResults(false, [broken!], [c!]);
    expect(formatTables(results)).toMatch(/calibrations: inputs fitted[\s\S]*CALIB\s+calibration\.x[\s\S]*0 passed, 1 failed; 1 calibrations reported \(not counted\)/);
    const md = renderMarkdown(results);
    expect(md).toContain('## Calibrations (not counted)');
    expect(md).toContain('k = 2, fitted to the paper');
    expect(renderHtml(results)).toContain('<h2>Calibrations (not counted)</h2>');
  });
});
