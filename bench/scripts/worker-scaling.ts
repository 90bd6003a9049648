/**
 * Worker scaling as a user meets it: `iomtsim run SCENARIO --reps R --workers W`, each
 * in a fresh process (start-up included), for every W, interleaved over several rounds so that a
 * drift in the machine's speed (shared hosts drift by several per cent within minutes) falls on
 * every W alike. Prints each wall time, the median per W, the speed-up of the medians and the
 * median of the per-round speed-ups against the first W; fails (exit 1) unless every run's summary
 * is identical, since results must not depend on W.
 *
 *   npx tsx bench/scripts/worker-scaling.ts [--scenario FILE] [--reps 8] [--workers 1,2] [--rounds 3] [--set k=v]... [--json FILE]
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { median } from '../../src/stats/index.ts';
import { runCliOnce } from './cli-run.ts';

interface Options {
  scenario: string;
  reps: number;
  workers: number[];
  rounds: number;
  sets: string[];
  json?: string;
}

function parse(argv: readonly string[]): Options | string {
  const o: Options = { scenario: fileURLToPath(new URL('../../scenarios/hospital.yaml', import.meta.url)), reps: 8, workers: [1, 2], rounds: 3, sets: [] };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = argv[++i];
    if (value === undefined) return `${flag}: expected a value, found nothing`;
    if (flag === '--scenario') o.scenario = value;
    else if (flag === '--set') o.sets.push(value);
    else if (flag === '--json') o.json = value;
    else if (flag === '--reps' || flag === '--rounds') {
      if (!/^[1-9][0-9]*$/.test(value)) return `${flag}: expected a positive integer, found '${value}'`;
      o[flag === '--reps' ? 'reps' : 'rounds'] = Number(value);
    } else if (flag === '--workers') {
      const ws = value.split(',').map(Number);
      if (ws.length < 2 || !ws.every((w) => Number.isInteger(w) && w >= 1)) return `--workers: expected two or more worker counts like 1,2, found '${value}'`;
      o.workers = ws;
    } else return `unknown option '${flag}'`;
  }
  return o;
}

const parsed = parse(process.argv.slice(2));
if (typeof parsed === 'string') {
  process.stderr.write(`worker-scaling: ${parsed}\n`);
  process.exit(2);
}
const o = parsed;
const walls = new Map<number, number[]>(o.workers.map((w) => [w, []]));
const roundSpeedups = new Map<number, number[]>(o.workers.slice(1).map((w) => [w, []]));
let reference: string | undefined;
let identical = true;
for (let round = 1; round <= o.rounds; round++) {
  const thisRound = new Map<number, number>();
  for (const w of o.workers) {
    let run: { wallS: number; points: string };
    try {
      run = runCliOnce(o.scenario, ['--reps', String(o.reps), '--workers', String(w)], o.sets);
    } catch (e) {
      process.stderr.write(`worker-scaling: ${(e as Error).message}\n`);
      process.exit(1);
    }
    const { wallS, points } = run;
    reference ??= points;
    if (points !== reference) identical = false;
    walls.get(w)!.push(wallS);
    thisRound.set(w, wallS);
    process.stderr.write(`round ${round}/${o.rounds}: ${w} worker${w > 1 ? 's' : ''} ${wallS.toFixed(2)} s\n`);
  }
  const base = thisRound.get(o.workers[0]!)!;
  for (const w of o.workers.slice(1)) roundSpeedups.get(w)!.push(base / thisRound.get(w)!);
}
const baseMedianS = median(walls.get(o.workers[0]!)!);
const rows = o.workers.map((w) => ({
  workers: w,
  wallS: walls.get(w)!,
  medianWallS: median(walls.get(w)!),
  speedupOfMedians: baseMedianS / median(walls.get(w)!),
  medianRoundSpeedup: w === o.workers[0] ? 1 : median(roundSpeedups.get(w)!),
}));
for (const r of rows) {
  console.log(`${r.workers} worker${r.workers > 1 ? 's' : ' '}: median ${r.medianWallS.toFixed(2)} s of [${r.wallS.map((s) => s.toFixed(2)).join(', ')}]; speed-up ${r.speedupOfMedians.toFixed(3)}× (median per round ${r.medianRoundSpeedup.toFixed(3)}×)`);
}
console.log(identical ? 'summaries: identical for every worker count' : 'summaries: DIFFER between runs');
if (o.json !== undefined) writeFileSync(o.json, `${JSON.stringify({ scenario: o.scenario, reps: o.reps, sets: o.sets, rounds: o.rounds, rows, identical }, null, 2)}\n`);
process.exitCode = identical ? 0 : 1;
