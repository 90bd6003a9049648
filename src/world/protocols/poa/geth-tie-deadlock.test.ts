/**
 * The deadlock geth's Clique can reach (go-ethereum issues 18402 and 24705), found by iomtsim fuzz
 * (n = 4, no faulty signer): after a 2-2 split each pair of signers holds its own head, the two of
 * equal total difficulty and height, and the signer limit bars each pair from extending its own.
 * geth's coin flip between equal heads (the default fork choice) leaves them there; EIP-3436's
 * deterministic choice moves every signer to the same head.
 */
import { describe, expect, it } from 'vitest';
import { findingVerdicts } from '../../testing/fuzz-finding.ts';

describe('Clique signers split over two heads of equal total difficulty', () => {
  it("stay deadlocked under geth's fork choice", async () => {
    const verdict = await findingVerdicts('clique-geth-tie-deadlock');
    expect(verdict['liveness']).toMatch(/^false 1 stalls/);
    expect(verdict['safety']).toMatch(/^true/);
  }, 60_000);

  it("commit again under EIP-3436's", async () => {
    const verdict = await findingVerdicts('clique-geth-tie-deadlock', ['consensus.poa.forkChoice=eip-3436']);
    expect(verdict['liveness']).toMatch(/^true/);
    expect(verdict['safety']).toMatch(/^true/);
  }, 60_000);
});
