import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// test/cluster/slurm.sh runs the file; readers copy the block in the docs: they must be the same.
describe('docs/cluster.md', () => {
  it('quotes examples/slurm/sweep-array.sbatch byte for byte, the script CI runs on Slurm', () => {
    const docs = readFileSync('docs/cluster.md', 'utf8');
    const script = readFileSync('examples/slurm/sweep-array.sbatch', 'utf8');
    const sbatchBlocks = [...docs.matchAll(/^```bash\n(#!\/bin\/bash\n#SBATCH [^]*?)^```$/gm)].map((m) => m[1]);
    expect(sbatchBlocks).toEqual([script]);
  });
});
