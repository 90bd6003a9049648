import { loadScenarioAsync } from '../src/scenario/load.ts';
import { runConsensusWorld } from '../src/world/testing/run.ts';
const { scenario } = await loadScenarioAsync('scenarios/pbft.yaml', ['duration=180s']);
let next = 30e6;
const out = runConsensusWorld(scenario, 1, {
  observers: [(_h: number, _e: unknown, t: number) => {
    if (t >= next) { next += 30e6; (globalThis as any).gc(); console.log(t / 1e6, 's', (process.memoryUsage().heapUsed / 1e6).toFixed(1), 'MB'); }
  }],
});
console.log(out.checks.map((c) => c.name + ':' + c.passed).join(' '));
