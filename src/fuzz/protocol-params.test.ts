import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../sim/index.ts';
import { newViewBytes, viewChangeBytes } from '../protocols/pbft/messages.ts';
import { byzantineQuorum } from '../protocols/fault-bounds.ts';
import { drawProtocolParams } from './protocol-params.ts';

describe('PBFT timers a seed draws', () => {
  it('give the view-change timer ten NEW-VIEW broadcasts of a full log window, and the bound the whole exchange', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 40 }), fc.integer({ min: 4, max: 13 }), fc.constantFrom(10, 100, 1000), (seed, nodes, mbps) => {
        const broadcastUs = (bytes: number): number => 20_000 + ((nodes - 1) * bytes * 8) / mbps;
        const quorum = byzantineQuorum(nodes);
        const drawn = drawProtocolParams(new Rng(seed), 'pbft', { deltaUs: 20_000, nodes, quorum, broadcastUs });
        const logWindow = drawn.block['logWindow'] as number;
        const vcUs = broadcastUs(viewChangeBytes(nodes, logWindow * nodes));
        const nvUs = broadcastUs(newViewBytes(Array<number>(quorum).fill(1 + nodes + logWindow * nodes), logWindow));
        expect(drawn.timersUs['viewChangeTimeout']).toBeGreaterThanOrEqual(10 * nvUs - 1000);
        expect(drawn.timersUs['viewChangeExchange']).toBeCloseTo(vcUs + nvUs, 6);
      }),
      { numRuns: 200 },
    );
  });
});
