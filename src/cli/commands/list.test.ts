import { afterEach, describe, expect, it, vi } from 'vitest';
import { listCommand } from './list.ts';

async function listed(topic: string): Promise<string> {
  const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  await listCommand({ topic });
  return write.mock.calls.map((c) => String(c[0])).join('');
}

afterEach(() => vi.restoreAllMocks());

describe('iomtsim list, from the definition objects', () => {
  it('lists each protocol with its fault model and its parameters from its schema', async () => {
    const out = await listed('protocols');
    expect(out).toContain('pbft  Practical Byzantine Fault Tolerance (byzantine faults: n ≥ 3f + 1)');
    expect(out).toContain('    raft.heartbeatInterval (duration, default 50ms): ');
    expect(out).toContain('    message kinds: hs-proposal, hs-vote, hs-new-view, hs-fetch, hs-nodes\n');
  });

  it('lists each attack with what it acts on and how, its outcome metrics and its parameters', async () => {
    const out = await listed('attacks');
    expect(out).toContain('leader-dos  Denial of service on the leader\n    acts on the current leader: charges load × tick of processing to the leader every tick');
    expect(out).toContain('\n    outcomes: attack.legit_latency_ms.p95, attack.max_commit_gap_ms\n    start (duration, default 0s): ');
  });

  it('refuses an unknown topic as every input error reads: the field, the topics, what was given', async () => {
    await expect(listCommand({ topic: 'nope' })).rejects.toThrow("iomtsim list nope: topic: expected one of scenarios, protocols, attacks, devices, detectors, metrics, found 'nope'");
  });

  it('refuses --markdown with a topic that has no Markdown form, rather than ignoring it', async () => {
    await expect(listCommand({ topic: 'scenarios', markdown: true })).rejects.toThrow("iomtsim list scenarios --markdown: --markdown: expected the topic metrics with --markdown (the one list with a Markdown form, docs/metrics.md), found 'scenarios'");
  });

  it('lists each device kind with its default profile, and each detector with its parameters', async () => {
    expect(await listed('devices')).toContain('    profile: spo2, every 1s ± 20ms, 20B, clock ±50 ppm, lag 5s; 1 per bed');
    expect(await listed('detectors')).toContain('    cusum.h (number > 0, default 8): ');
  });
});
