import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { renderHtml } from './report.ts';
import { runChecks } from './run.ts';
import { selectChecks, validateCommand } from './index.ts';
import type { ValidationCheck } from './types.ts';

describe('validateCommand', () => {
  it('writes the report page and JSON and returns 0 when every selected check passes', async () => {
    const out = mkdtempSync(join(tmpdir(), 'iomtsim-validate-'));
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const code = await validateCommand({ quick: true, json: true, out, only: ['queueing.bulk-wait.l0.5'] });
    const printed = String(write.mock.calls.map((c) => c[0]).join(''));
    write.mockRestore();
    expect(code).toBe(0);
    expect(JSON.parse(printed).checks).toHaveLength(1);
    expect(readFileSync(join(out, 'report.md'), 'utf8')).toContain('queueing');
    expect(existsSync(join(out, 'report.html'))).toBe(true);
  });

  it('marks a check that throws as failed instead of stopping the suite, and the page shows FAIL', () => {
    const broken: ValidationCheck = { id: 'x.broken', group: 'x', title: 'broken', reference: 'none', quick: true, run: () => { throw new Error('boom'); } };
    const [r] = runChecks([broken]);
    expect(r!.result.passed).toBe(false);
    expect(renderHtml([r!], { quick: true })).toContain('FAIL');
  });

  it('the quick subset is a strict subset of all checks', () => {
    const all = selectChecks({ quick: false });
    const quick = selectChecks({ quick: true });
    expect(quick.length).toBeGreaterThan(0);
    expect(quick.length).toBeLessThan(all.length);
  });
});
