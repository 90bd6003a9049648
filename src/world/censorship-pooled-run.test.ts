/**
 * A censor keeps out of its proposals in the window the censored client's transactions that were
 * already in its pool when the window opened (src/attacks/byzantine/censorship.ts), and labels
 * each censored: in both bundled censorship files, two such transactions were in blocks the censor
 * proposed after the window opened before it did.
 */
import { describe, expect, it } from 'vitest';
import type { Block } from '../ledger/types.ts';
import { loadScenario } from '../scenario/index.ts';
import { runConsensusWorld } from './testing/run.ts';

/** Both files start the attack at 2 s, replica 0 censoring client 0. */
const START_US = 2_000_000;

function run(file: string) {
  const { scenario } = loadScenario(file);
  const blocks: Block[] = [];
  const heights = new Set<number>();
  const labelledTxs = new Set<number>();
  let censorHost = -1;
  let clientHost = -1;
  runConsensusWorld(scenario, scenario.seed, {
    setup: (world) => {
      censorHost = world.replicaHosts[0]!;
      clientHost = world.clientHosts[0]!;
    },
    observers: [(_h, e) => {
      const label = e as { readonly kind: string; readonly entity?: string; readonly id?: number };
      if (label.entity === 'tx' && typeof label.id === 'number') labelledTxs.add(label.id);
      const block = (e as { readonly block?: Block }).block;
      if (e.kind !== 'commit' || block === undefined || heights.has(block.height)) return;
      heights.add(block.height);
      blocks.push(block);
    }],
  });
  const censorsInWindow = blocks.filter((b) => b.proposer === censorHost && b.timestampUs >= START_US);
  const pooledBefore = blocks.flatMap((b) => b.txs).filter((t) => t.sender === clientHost && t.submittedUs < START_US);
  return {
    censorBlocks: censorsInWindow.length,
    proposedByCensor: censorsInWindow.flatMap((b) => b.txs).filter((t) => t.sender === clientHost).length,
    pooledBeforeCommitted: pooledBefore.length,
    pooledBeforeLabelled: pooledBefore.filter((t) => labelledTxs.has(t.id)).length,
  };
}

describe('censorship of transactions pooled before the window', () => {
  for (const file of ['scenarios/attacks/censorship.yaml', 'scenarios/attacks/censorship-pbft.yaml']) {
    it(`proposes none of the censored client's transactions in the window, those pooled before it included, and labels those it withheld (${file})`, () => {
      const r = run(file);
      expect(r.censorBlocks).toBeGreaterThan(10);
      expect(r.proposedByCensor).toBe(0);
      expect(r.pooledBeforeCommitted).toBeGreaterThan(0);
      expect(r.pooledBeforeLabelled).toBeGreaterThan(0);
    });
  }
});
