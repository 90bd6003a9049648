/**
 * Every bundled scenario (scenarios/*.yaml, scenarios/attacks/*.yaml) as shipped, split over N
 * threads: each either gives the one-thread summary or is refused with exit code 2 and its reason.
 * Prints one line per scenario and a tally; exits 1 if a split summary differs from the one-thread
 * summary or a run fails otherwise. Each run is a fresh `iomtsim run` (from the bundle when it is
 * fresh), so this takes as long as running every splittable scenario twice.
 *
 *   npx tsx bench/scripts/split-bundled.ts [--threads 2] [--only name,name]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = join(ROOT, 'bin/iomtsim.mjs');
const FOLDERS = ['scenarios', 'scenarios/attacks'];

type Outcome = { readonly kind: 'ran'; readonly summary: string } | { readonly kind: 'refused'; readonly reason: string } | { readonly kind: 'failed'; readonly detail: string };

function run(file: string, threads: number): Outcome {
  const dir = mkdtempSync(join(tmpdir(), 'iomtsim-split-'));
  try {
    const out = join(dir, 'results');
    const r = spawnSync(process.execPath, [CLI, 'run', file, '--threads', String(threads), '--no-report', '--json', '--out', out], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
    const lastLines = r.stderr.split('\n').filter((l) => l !== '' && !l.startsWith('progress: '));
    if (r.status === 2) return { kind: 'refused', reason: lastLines.join(' ') };
    if (r.status !== 0 && r.status !== 1) return { kind: 'failed', detail: `exit ${r.status}: ${lastLines.slice(-3).join(' | ')}` };
    return { kind: 'ran', summary: JSON.stringify((JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as { points: unknown }).points) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function main(argv: readonly string[]): number {
  let threads = 2;
  let only: string[] | undefined;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--threads') threads = Number(argv[++i]);
    else if (argv[i] === '--only') only = (argv[++i] ?? '').split(',');
    else {
      process.stderr.write(`split-bundled: expected --threads N or --only a,b, found '${argv[i]}'\n`);
      return 2;
    }
  }
  if (!(Number.isInteger(threads) && threads >= 2)) {
    process.stderr.write(`split-bundled: --threads: expected an integer ≥ 2, found ${threads}\n`);
    return 2;
  }
  const files = FOLDERS.flatMap((f) => readdirSync(join(ROOT, f)).filter((n) => n.endsWith('.yaml')).sort().map((n) => `${f}/${n}`)).filter((f) => only === undefined || only.includes(f.split('/').pop()!.replace(/\.yaml$/, '')));
  const tally = { same: 0, refused: 0, differs: 0, failed: 0 };
  for (const file of files) {
    const split = run(file, threads);
    if (split.kind === 'refused') {
      tally.refused++;
      process.stdout.write(`${file}: refused: ${split.reason}\n`);
      continue;
    }
    const one = split.kind === 'ran' ? run(file, 1) : split;
    if (split.kind === 'failed' || one.kind !== 'ran') {
      tally.failed++;
      process.stdout.write(`${file}: FAILED: ${split.kind === 'failed' ? split.detail : one.kind === 'failed' ? one.detail : 'refused on one thread'}\n`);
    } else if (one.summary === split.summary) {
      tally.same++;
      process.stdout.write(`${file}: same summary on 1 and ${threads} threads\n`);
    } else {
      tally.differs++;
      process.stdout.write(`${file}: DIFFERS on ${threads} threads\n`);
    }
  }
  process.stdout.write(`\n${files.length} scenarios: ${tally.same} the same split over ${threads} threads, ${tally.refused} refused, ${tally.differs} differ, ${tally.failed} failed\n`);
  return tally.differs + tally.failed > 0 ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
