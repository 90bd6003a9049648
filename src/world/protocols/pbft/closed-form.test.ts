/**
 * docs/references.md §2, PBFT on an ideal network (fixed one-way delay δ, zero processing time, one
 * request per decision): replicas commit 3δ after the pre-prepare is sent, the client sees its
 * reply 5δ after submitting, and a decision costs 2n² − n + 1 messages (Castro & Liskov 1999, §4.2).
 */
import { describe, expect, it } from 'vitest';
import type { HostId, ModelEvent } from '../../../../sim/index.ts';
import { idealPbftScenario } from '../../testing/scenarios.ts';
import { runConsensusWorld } from '../../testing/run.ts';
import type { CommitEvent, ConfirmedEvent } from '../../../protocols/types.ts';

const DELTA_US = 10_000;

function record(nodes: number, txs: number) {
  const prePrepareUs: number[] = [];
  const commits: { host: HostId; height: number; timeUs: number }[] = [];
  const confirmed: { submittedUs: number; timeUs: number }[] = [];
  const observer = (host: HostId, e: ModelEvent, timeUs: number) => {
    // The primary emits its mempool occupancy as it cuts a batch, i.e. when it sends the pre-prepare.
    if (e.kind === 'mempool' && host === 0) prePrepareUs.push(timeUs);
    if (e.kind === 'commit') commits.push({ host, height: (e as CommitEvent).block.height, timeUs });
    if (e.kind === 'confirmed') confirmed.push({ submittedUs: (e as ConfirmedEvent).tx.submittedUs, timeUs });
  };
  const out = runConsensusWorld(idealPbftScenario(nodes, `${DELTA_US}us`, txs), 1, { observers: [observer] });
  return { out, prePrepareUs, commits, confirmed };
}

describe('PBFT closed forms on an ideal network', () => {
  it('commits at every replica exactly 3δ after the pre-prepare is sent', () => {
    const { prePrepareUs, commits } = record(4, 5);
    expect(prePrepareUs).toHaveLength(5);
    expect(commits).toHaveLength(5 * 4);
    for (const c of commits) expect(c.timeUs - prePrepareUs[c.height - 1]!).toBe(3 * DELTA_US);
  });

  it('confirms to the client exactly 5δ after submission', () => {
    const { confirmed } = record(4, 5);
    expect(confirmed).toHaveLength(5);
    for (const c of confirmed) expect(c.timeUs - c.submittedUs).toBe(5 * DELTA_US);
  });

  it.each([4, 7, 10])('sends 2n² − n + 1 messages per decision for n = %i', (n) => {
    const { out } = record(n, 4);
    expect(out.metrics['consensus.committed_txs']!.value).toBe(4);
    expect(out.metrics['consensus.messages_per_decision']!.value).toBe(2 * n * n - n + 1);
  });
});
