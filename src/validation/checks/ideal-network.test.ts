import { describe, expect, it } from 'vitest';
import { idealNetworkChecks } from './ideal-network.ts';
import { IDEAL_PROTOCOLS } from './protocols.ts';
import { chatty } from './testing/chatty.ts';

const raftSpec = IDEAL_PROTOCOLS.find((p) => p.module.name === 'raft')!;

describe('ideal-network checks', () => {
  it('Raft meets its closed forms exactly: commit 2δ, client 4δ, 2(n−1) messages', () => {
    const results = idealNetworkChecks(raftSpec).map((c) => [c.id, c.run().passed]);
    expect(results.every(([, ok]) => ok)).toBe(true);
  });

  it('catches a protocol that sends each message twice', () => {
    const check = idealNetworkChecks({ ...raftSpec, module: chatty(raftSpec.module) }).find((c) => c.id === 'ideal.raft.messages.n3')!;
    const r = check.run();
    expect(r.passed).toBe(false);
    expect(r.simulated).toBeGreaterThan(r.expected);
  });
});
