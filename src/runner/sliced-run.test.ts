/**
 * One replication run in this thread in slices: where the slices end changes nothing in the run
 * (consensus, IoMT, proof of work stopping at its block count, a PoW attacker), and Ctrl-C ends it
 * between slices.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../scenario/index.ts';
import { prepareSimulation, simulate } from './simulate.ts';
import { runInSlices } from './sliced-run.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const load = (file: string, sets: string[]) => loadScenario(`${root}${file}`, sets).scenario;
const never = new AbortController().signal;

const CASES = [
  // Slices of a prime number of µs end between events as well as on them.
  { name: 'PBFT', file: 'scenarios/pbft.yaml', sets: ['duration=3s', 'warmup=1s'], slicesUs: [997, 250_000] },
  { name: 'IoMT', file: 'scenarios/hospital.yaml', sets: ['duration=90s', 'warmup=1m'], slicesUs: [997, 10_000_000] },
  { name: 'proof of work to its block count', file: 'scenarios/pow.yaml', sets: ['consensus.pow.blocks=5', 'consensus.nodes=30'], slicesUs: [999_983, 420_000_000] },
  { name: 'a selfish miner', file: 'scenarios/attacks/selfish-mining.yaml', sets: ['consensus.pow.blocks=30', 'consensus.nodes=30'], slicesUs: [999_983, 420_000_000] },
] as const;

describe('a run in slices', () => {
  for (const c of CASES) {
    it(`gives the one-call run's output: ${c.name}`, async () => {
      const scenario = load(c.file, [...c.sets]);
      const whole = simulate(scenario, 7);
      for (const sliceUs of c.slicesUs) {
        const reached: number[] = [];
        const sliced = await runInSlices(prepareSimulation(scenario, 7), { signal: never, sliceUs, onSlice: (us) => reached.push(us) });
        expect(sliced).toEqual(whole);
        expect(reached.length).toBeGreaterThan(1);
        expect(reached.every((us, i) => i === 0 || us > reached[i - 1]!)).toBe(true);
      }
    });
  }

  it('sizes its slices by the wall clock and still gives the same output', async () => {
    const scenario = load('scenarios/pbft.yaml', ['duration=2s', 'warmup=1s']);
    expect(await runInSlices(prepareSimulation(scenario, 3), { signal: never })).toEqual(simulate(scenario, 3));
  });

  it('stops between slices once aborted, before finishing the run', async () => {
    const scenario = load('scenarios/pbft.yaml', ['duration=20s', 'warmup=1s']);
    const controller = new AbortController();
    const prepared = prepareSimulation(scenario, 3);
    const run = runInSlices(prepared, { signal: controller.signal, sliceUs: 10_000, onSlice: (us) => { if (us >= 1_000_000) controller.abort(); } });
    await expect(run).rejects.toThrow(/abort/i);
    expect(prepared.engine.nowUs).toBeLessThan(1_100_000);
  });
});
