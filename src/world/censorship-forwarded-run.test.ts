/**
 * A censoring HotStuff replica as leader proposes no transaction of a censored client, also none
 * another replica forwarded to it on its vote or new-view (src/protocols/hotstuff/replica.ts): the
 * censor takes them out, labelled censored, and their forwarder proposes them when it leads.
 */
import { describe, expect, it } from 'vitest';
import type { Block, Transaction } from '../ledger/types.ts';
import { loadScenario } from '../scenario/index.ts';
import { runConsensusWorld } from './testing/run.ts';

const START_US = 2_000_000;

/** scenarios/attacks/censorship.yaml with replica 0 censoring `client`: the censor's blocks' transactions of that client submitted in the window, and the metrics. */
function run(client: number) {
  const { scenario } = loadScenario('scenarios/attacks/censorship.yaml', [`attacks=[{type: censorship, start: 2s, replicas: [0], clients: [${client}]}]`]);
  const heights = new Set<number>();
  const blocks: Block[] = [];
  let censorHost = -1;
  let clientHost = -1;
  const out = runConsensusWorld(scenario, scenario.seed, {
    setup: (world) => {
      censorHost = world.replicaHosts[0]!;
      clientHost = world.clientHosts[client]!;
    },
    observers: [(_h, e) => {
      const block = (e as { readonly block?: Block }).block;
      if (e.kind !== 'commit' || block === undefined || heights.has(block.height)) return;
      heights.add(block.height);
      blocks.push(block);
    }],
  });
  const inWindow = (t: Transaction): boolean => t.sender === clientHost && t.submittedUs >= START_US;
  const proposedByCensor = blocks.filter((b) => b.proposer === censorHost).flatMap((b) => b.txs).filter(inWindow).length;
  const senderCommits = blocks.flatMap((b) => b.txs).filter(inWindow).length;
  return { proposedByCensor, senderCommits, m: (name: string) => out.metrics[name]!.value };
}

describe('censorship of forwarded transactions', () => {
  it("proposes none of a censored client's transactions, though another replica forwards them: client 1, at replica 1, censored by replica 0", () => {
    const r = run(1);
    expect(r.senderCommits).toBeGreaterThan(100);
    expect(r.proposedByCensor).toBe(0);
    // The host labels of the censor and the client, and each forwarded transaction taken out.
    expect(r.m('attack.labels')).toBeGreaterThan(2 + 100);
    expect(r.m('attack.censored_uncommitted')).toBe(0);
  });

  it("proposes none of them either for a client of its own, whose requests other replicas get on its rebroadcast (censorship.yaml)", () => {
    const r = run(0);
    expect(r.senderCommits).toBeGreaterThan(100);
    expect(r.proposedByCensor).toBe(0);
  });
});
