/**
 * leader-delay on Raft, as its definition and docs/limitations.md say: with `after: 0` a delay at or
 * above the election timeout's lower bound (raft.yaml: 150 ms) leaves Raft leaderless, since each new
 * leader's heartbeats reach its followers after their election timers fire (Raft §5.2); below it
 * Raft keeps its throughput.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../scenario/load.ts';
import { runConsensusWorld } from './testing/run.ts';

const raft = fileURLToPath(new URL('../../scenarios/raft.yaml', import.meta.url));

function run(delay: string) {
  const { scenario } = loadScenario(raft, ['duration=60s', `attacks=[{type: leader-delay, delay: ${delay}}]`]);
  return runConsensusWorld(scenario, scenario.seed).metrics;
}

describe('leader-delay on Raft', () => {
  it('stalls Raft at a delay above its 150 ms election timeout: nothing commits and liveness fails', () => {
    const m = run('200ms');
    expect(m['consensus.throughput_tps']!.value).toBe(0);
    expect(m['liveness.violations']!.value).toBeGreaterThan(0);
  });

  it('leaves Raft live at a delay below it', () => {
    const m = run('140ms');
    expect(m['consensus.throughput_tps']!.value).toBeGreaterThan(150);
    expect(m['liveness.violations']!.value).toBe(0);
  });
});
