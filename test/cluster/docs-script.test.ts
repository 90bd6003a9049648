import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cli } from '../e2e/cli.ts';

const docs = readFileSync('docs/cluster.md', 'utf8');
const script = readFileSync('examples/slurm/sweep-array.sbatch', 'utf8');

// test/cluster/slurm.sh runs the file; readers copy the block in the docs: they must be the same.
describe('docs/cluster.md', () => {
  it('quotes examples/slurm/sweep-array.sbatch byte for byte, the script CI runs on Slurm', () => {
    const sbatchBlocks = [...docs.matchAll(/^```bash\n(#!\/bin\/bash\n#SBATCH [^]*?)^```$/gm)].map((m) => m[1]);
    expect(sbatchBlocks).toEqual([script]);
  });

  // The sweep each example runs when given none: it must be one the CLI accepts as written.
  it.each([
    ['the Slurm script', /set -- (scenarios\/\S+) \\\n\s+(--vary[^\n]*)\n/],
    ['the Kubernetes Job', /iomtsim\.mjs sweep (scenarios\/\S+)\n\s+(--vary[^\n]*\n\s+--reps \d+)/],
  ])("%s's default sweep passes --dry-run", async (_, pattern) => {
    const [, scenario, flags] = (pattern.source.startsWith('set') ? script : docs).match(pattern)!;
    const r = await cli(['sweep', scenario!, ...flags!.trim().split(/\s+/), '--shard', '1/16', '--dry-run']);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toContain('16 points × 10 replications');
  });
});
