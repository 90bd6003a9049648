import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../scenario/index.ts';
import { runScenario } from './index.ts';
import { simulate } from './simulate.ts';
import { readText, tempRoot } from './testing/fixtures.ts';

// The real default scenario, shortened: determinism is a property of the whole stack.
const loaded = loadScenario('scenarios/consortium.yaml', ['duration=8s', 'warmup=1s', 'replications=2']);
const root = tempRoot('determinism');

describe('determinism of the real model', () => {
  it('gives identical outputs and trace hashes for the same scenario and seed in one process', () => {
    const a = simulate(loaded.scenario, 7);
    const b = simulate(loaded.scenario, 7);
    expect(b.traceHash).toBe(a.traceHash);
    expect(b).toEqual(a);
    expect(simulate(loaded.scenario, 8).traceHash).not.toBe(a.traceHash);
  });

  it('gives identical summaries in this thread, in one worker thread and across two', async () => {
    const texts: string[] = [];
    for (const workers of [0, 1, 2]) {
      const r = await runScenario({ loaded, workers, outDir: join(root, `w${workers}`) });
      expect(r.status).toBe('complete');
      texts.push(readText(r.dir, 'summary.json'));
    }
    // The consensus model's latency distributions are part of what must not depend on the workers.
    const cdf = JSON.parse(texts[0]!).points[0].latency_cdf;
    expect(Object.keys(cdf)).toEqual(['consensus.commit_latency_ms', 'consensus.client_latency_ms']);
    expect(cdf['consensus.commit_latency_ms'].n).toBe(2);
    expect(texts[1]).toBe(texts[0]);
    expect(texts[2]).toBe(texts[0]);
  });
});
