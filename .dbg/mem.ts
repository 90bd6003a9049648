import { loadScenarioAsync } from '../src/scenario/load.ts';
import { runConsensusWorld } from '../src/world/testing/run.ts';
const { scenario } = await loadScenarioAsync('scenarios/hotstuff.yaml', ['duration=60s']);
const out = runConsensusWorld(scenario, 1);
globalThis.gc?.();
console.log(process.memoryUsage().heapUsed / 1e6, 'MB heap after', out.checks.map((c) => c.name + ':' + c.detail).join(' | ').slice(0, 300));
