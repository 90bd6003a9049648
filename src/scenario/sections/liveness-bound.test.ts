import { describe, expect, it } from 'vitest';
import { pbft } from '../../protocols/pbft/index.ts';
import { poa } from '../../protocols/poa/index.ts';
import { pow } from '../../protocols/pow/index.ts';
import { zScenario } from '../schema.ts';
import { DEFAULT_LIVENESS_BOUND_US, livenessBoundUs } from './consensus.ts';

const consensus = (fields: Record<string, unknown>) => zScenario.parse({ name: 't', duration: '10m', consensus: fields }).consensus;

describe('the liveness bound a run checks', () => {
  it('is the default for a protocol that commits within it', () => {
    expect(livenessBoundUs(consensus({ protocol: 'pbft', nodes: 4 }), pbft, 4)).toBe(DEFAULT_LIVENESS_BOUND_US);
  });

  it("is Clique's confirmation depth plus two blocks of a period and the wiggle bound, when longer", () => {
    // n = 4: depth ⌊4/2⌋ + 1 = 3; a block every 15 s, out-of-turn ones up to 3 × 0.5 s later.
    expect(livenessBoundUs(consensus({ protocol: 'poa', nodes: 4, poa: { period: '15s' } }), poa, 4)).toBe(5 * 16_500_000);
    expect(livenessBoundUs(consensus({ protocol: 'poa', nodes: 4, poa: { period: '15s', confirmations: 6 } }), poa, 4)).toBe(8 * 16_500_000);
    // A 2 s period commits well within the default.
    expect(livenessBoundUs(consensus({ protocol: 'poa', nodes: 7, poa: { period: '2s' } }), poa, 7)).toBe(DEFAULT_LIVENESS_BOUND_US);
  });

  it('is none for proof of work unless the scenario states one', () => {
    expect(livenessBoundUs(consensus({ protocol: 'pow', nodes: 4 }), pow, 4)).toBeNull();
    expect(livenessBoundUs(consensus({ protocol: 'pow', nodes: 4, livenessBound: '40m' }), pow, 4)).toBe(2_400_000_000);
  });

  it("is the scenario's where it states one, even below the protocol's own gap", () => {
    expect(livenessBoundUs(consensus({ protocol: 'poa', nodes: 4, poa: { period: '15s' }, livenessBound: '30s' }), poa, 4)).toBe(30_000_000);
  });
});
