import { describe, expect, it } from 'vitest';
import { TRUTH_LABEL_EVENT, type TruthLabelEvent } from '../attacks/ground-truth.ts';
import { loadScenario } from '../scenario/index.ts';
import { runConsensusWorld } from './testing/run.ts';
import { simulateOnThreads } from './threads/run.ts';

describe('censorship ground truth', () => {
  it('labels each censored transaction once, however many copies the censor drops, the same on 2 threads', async () => {
    // One client: its unanswered requests are rebroadcast, so the censor drops most of them more than once.
    const { scenario } = loadScenario('scenarios/attacks/censorship.yaml', ['workload.clients=1']);
    let drops = 0;
    const censored = new Set<number | string>();
    const observers = [
      (_h: number, e: { readonly kind: string }) => {
        if (e.kind !== TRUTH_LABEL_EVENT) return;
        drops++;
        censored.add((e as TruthLabelEvent).id);
      },
    ];
    const one = runConsensusWorld(scenario, scenario.seed, { observers });
    expect(censored.size).toBeGreaterThan(500);
    expect(drops).toBeGreaterThan(censored.size);
    // The censoring replica's host and the censored client's, then each transaction.
    expect(one.metrics['attack.labels']!.value).toBe(2 + censored.size);
    expect(one.metrics['attack.censored_uncommitted']!.value).toBe(0);
    expect(await simulateOnThreads(scenario, scenario.seed, 2)).toEqual(one);
  }, 60_000);
});

describe('censorship delay', () => {
  it("is about one request timeout for the censor's own client (censorship.yaml): its requests wait for the rebroadcast, while other clients' are served in well under it", () => {
    const { scenario } = loadScenario('scenarios/attacks/censorship.yaml');
    const timeoutMs = scenario.workload.requestTimeout / 1000;
    expect(timeoutMs).toBe(2_000);
    const m = runConsensusWorld(scenario, scenario.seed).metrics;
    // Client 0 sends each request to replica 0 (its home), which drops it; the rebroadcast after
    // the timeout reaches the honest replicas, which commit it within a few views (10 ms links).
    expect(m['attack.censorship_delay_ms.mean']!.value).toBeGreaterThan(timeoutMs);
    expect(m['attack.censorship_delay_ms.mean']!.value).toBeLessThan(timeoutMs + 500);
    expect(m['attack.censorship_delay_ms.p95']!.value).toBeGreaterThanOrEqual(m['attack.censorship_delay_ms.mean']!.value);
    expect(m['attack.legit_latency_ms.p95']!.value).toBeLessThan(500);
  });
});
