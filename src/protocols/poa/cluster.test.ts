/**
 * Clique signers on the engine: in-turn sealing every period, out-of-turn takeover after a crash,
 * the signer limit on every canonical chain, fork choice by total difficulty, finality by
 * confirmations, and the fork/stale metrics.
 */
import { describe, expect, it } from 'vitest';
import { Rng, type ModelEvent } from '../../../sim/index.ts';
import { TestCluster } from '../testing/cluster.ts';
import { difficulty, signerLimit, wiggleBoundUs } from './clique.ts';
import { PoaCollector } from './collector.ts';
import type { PoaSealedEvent } from './events.ts';
import { poa } from './index.ts';
import type { PoaReplica } from './replica.ts';

const N = 7;
const PERIOD_US = 1_000_000;
const WIGGLE_US = 500_000;
const DELTA_US = 10_000;

function cluster(seed: number, latencyUs: TestCluster['options']['latencyUs'], params: Record<string, number> = {}): TestCluster {
  return new TestCluster({ module: poa, n: N, seed, latencyUs, batchSize: 50, params: { period: PERIOD_US, wiggle: WIGGLE_US, ...params } });
}

function sealedBlocks(c: TestCluster): PoaSealedEvent[] {
  return c.otherEvents.map((e) => e.event).filter((e: ModelEvent): e is PoaSealedEvent => e.kind === 'poa-sealed');
}

function canonical(c: TestCluster, i: number) {
  const r = c.engine.actor<PoaReplica>(i);
  const out = [];
  for (let h = 1; h <= r.chain.headHeight; h++) out.push(r.chain.canonicalAt(h)!);
  return out;
}

describe('Clique on a network (EIP-225)', () => {
  it('with all signers up, the in-turn block (difficulty 2) of every period is canonical; an out-of-turn one appears only if its wiggle beat one delay', () => {
    const c = cluster(1, { kind: 'fixed', value: DELTA_US });
    c.run(20 * PERIOD_US + DELTA_US);
    const chain = canonical(c, 0);
    expect(chain).toHaveLength(20);
    chain.forEach((b, k) => {
      expect(b.proposer).toBe((k + 1) % N);
      expect(b.timestampUs).toBe((k + 1) * PERIOD_US);
    });
    const sealed = sealedBlocks(c);
    const canonicalHashes = new Set(chain.map((b) => b.hash));
    for (const s of sealed) {
      if (canonicalHashes.has(s.block.hash)) expect(s.difficulty).toBe(2);
      else {
        expect(s.difficulty).toBe(1);
        expect(s.block.timestampUs).toBe(s.block.height * PERIOD_US);
        const sealedAt = c.otherEvents.find((e) => e.event === s)!.timeUs;
        expect(sealedAt - s.block.timestampUs).toBeLessThan(DELTA_US);
      }
    }
  });

  it('commits a block once ⌊N/2⌋ + 1 blocks sit on top, and answers the client then', () => {
    const c = cluster(1, { kind: 'fixed', value: DELTA_US });
    c.submitAt(500_000, [3]);
    c.run(20 * PERIOD_US + 1);
    const k = signerLimit(N);
    const withTx = c.commits[3]!.find((r) => r.block.txs.length === 1)!;
    expect(withTx.block.height).toBe(1);
    // Block 1 sealed at 1 s; block 1 + k reaches replica 3 one delay after it is sealed.
    expect(withTx.timeUs).toBe((1 + k) * PERIOD_US + (3 === (1 + k) % N ? 0 : DELTA_US));
    const replies = c.replies.get(withTx.block.txs[0]!.id)!;
    expect(replies).toHaveLength(1);
    expect(replies[0]!.replica).toBe(3);
  });

  it('when the in-turn signer is down, an out-of-turn signer seals within the wiggle bound (difficulty 1)', () => {
    const c = cluster(4, { kind: 'fixed', value: DELTA_US });
    c.engine.crash(3);
    c.run(20 * PERIOD_US);
    const sealed = sealedBlocks(c);
    const at3 = sealed.filter((s) => s.block.height % N === 3);
    expect(at3.length).toBeGreaterThan(0);
    for (const s of at3) {
      expect(s.difficulty).toBe(1);
      const parent = sealed.find((p) => p.block.hash === s.block.parentHash);
      const parentUs = parent?.block.timestampUs ?? 0;
      const waitedUs = c.otherEvents.find((e) => e.event === s)!.timeUs - parentUs;
      expect(waitedUs).toBeGreaterThanOrEqual(PERIOD_US);
      expect(waitedUs).toBeLessThanOrEqual(PERIOD_US + DELTA_US + wiggleBoundUs(N, WIGGLE_US));
    }
    expect(c.conflicts()).toEqual([]);
  });

  it('every canonical chain keeps the signer limit: ⌊N/2⌋ + 1 consecutive blocks have distinct signers', () => {
    // Slow links and a short wiggle make forks and out-of-turn blocks common.
    const c = cluster(7, { kind: 'uniform', min: 50_000, max: 400_000 }, { wiggle: 50_000 });
    c.engine.crash(2);
    c.run(60 * PERIOD_US);
    const k = signerLimit(N);
    for (let i = 0; i < N; i++) {
      if (i === 2) continue;
      const chain = canonical(c, i);
      expect(chain.length).toBeGreaterThan(40);
      for (let h = 0; h + k <= chain.length; h++) {
        const signers = new Set(chain.slice(h, h + k).map((b) => b.proposer));
        expect(signers.size).toBe(k);
      }
    }
  });

  it('fork choice by total difficulty: replicas converge, and the collector counts the stale blocks', () => {
    const c = cluster(11, { kind: 'uniform', min: 50_000, max: 400_000 }, { wiggle: 50_000 });
    const collector = new PoaCollector();
    c.engine.observe(collector.observe);
    c.run(60 * PERIOD_US);
    // Quiesce: stop sealing and let the last blocks arrive.
    for (let i = 0; i < N; i++) c.engine.crash(i);
    const heads = new Set<string>();
    for (let i = 0; i < N; i++) heads.add(c.engine.actor<PoaReplica>(i).chain.head.hash);
    const m = collector.metrics(60 * PERIOD_US);
    const sealed = sealedBlocks(c);
    const main = collector.mainChain();
    expect(m['poa.blocks_sealed']!.value).toBe(sealed.length);
    expect(m['poa.stale_blocks']!.value).toBe(sealed.length - main.length);
    expect(m['poa.stale_blocks']!.value).toBeGreaterThan(0);
    expect(m['poa.fork_rate']!.value).toBeGreaterThan(0);
    // The main chain's total difficulty is the greatest among sealed tips.
    const td = main.reduce((s, b) => s + b.difficulty, 0);
    expect(td).toBe(main.at(-1)!.totalDifficulty);
    // Replicas whose chains reached the collector's tip agree with it block by block.
    for (let i = 0; i < N; i++) {
      const chain = canonical(c, i);
      const common = Math.min(chain.length, main.length) - signerLimit(N);
      for (let h = 0; h < common; h++) expect(chain[h]!.hash).toBe(main[h]!.hash);
    }
    expect(c.conflicts()).toEqual([]);
  });

  it('200 seeds with random delays: no conflicting commits, every request committed once and answered', () => {
    const failures: string[] = [];
    for (let seed = 1; seed <= 200; seed++) {
      const c = cluster(seed, { kind: 'uniform', min: 1_000, max: 100_000 });
      const rng = new Rng(seed, 'test-workload');
      for (let t = 0; t < 10; t++) c.submitAt(100_000 + rng.int(3_000_000), [rng.int(N)]);
      c.run(12 * PERIOD_US);
      const problems: string[] = [];
      if (c.conflicts().length > 0) problems.push('conflicting commits');
      for (let i = 0; i < N; i++) {
        const ids = c.committedTxIds(i);
        if (new Set(ids).size !== ids.length) problems.push(`replica ${i} committed a transaction twice`);
        if (ids.length !== 10) problems.push(`replica ${i} committed ${ids.length} of 10`);
        if (!c.committedHeights(i).every((h, k) => h === k + 1)) problems.push(`replica ${i} heights not gap-free`);
      }
      if (c.replies.size !== 10) problems.push(`${c.replies.size} of 10 answered`);
      if (problems.length > 0) failures.push(`seed ${seed}: ${problems.join('; ')}`);
    }
    expect(failures).toEqual([]);
  });

  it('difficulty follows the turn of the block height', () => {
    expect(difficulty(8, 1, N)).toBe(2);
  });
});
