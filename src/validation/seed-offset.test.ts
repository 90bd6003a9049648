/** `iomtsim validate --seed-offset N`: the stochastic checks run on other seeds, and every output says so. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { selectChecks, validateCommand } from './index.ts';

const runOne = (id: string, seedOffset: number) => selectChecks({ quick: true, only: [id], seedOffset })[0]!.run();

describe('validation seed offset', () => {
  it('moves an estimate drawn from random numbers (the selfish-mining race)', () => {
    const shipped = runOne('selfish-mining.revenue.a0.3-g0', 0);
    const shifted = runOne('selfish-mining.revenue.a0.3-g0', 1_000);
    expect(shifted.expected).toBe(shipped.expected);
    expect(shifted.simulated).not.toBe(shipped.simulated);
  });

  it('says which seeds ran in the JSON, the table and the report page', async () => {
    const out = mkdtempSync(join(tmpdir(), 'iomtsim-seed-offset-'));
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    await validateCommand({ quick: true, json: false, out, only: ['ideal.raft.commit'], seedOffset: 1_000 });
    const printed = String(write.mock.calls.map((c) => c[0]).join(''));
    write.mockRestore();
    expect(JSON.parse(readFileSync(join(out, 'validation.json'), 'utf8')).seedOffset).toBe(1_000);
    expect(printed).toContain('(seeds shifted by 1000)');
    expect(readFileSync(join(out, 'report.md'), 'utf8')).toContain('(quick subset, seeds shifted by 1000)');
  });
});
