import { describe, expect, it } from 'vitest';
import { PROTOCOLS } from '../protocols/index.ts';
import { maxFaulty } from '../scenario/index.ts';

// The scenario loader checks the fault model with its own small table (src/scenario may not
// import protocols); this keeps the table equal to what each protocol module declares.
describe('the scenario fault-model table', () => {
  for (const protocol of PROTOCOLS.filter((p) => p.faultModel !== 'nakamoto')) {
    it(`agrees with ${protocol.name}.maxFaulty for 1 to 40 nodes`, () => {
      for (let n = 1; n <= 40; n++) expect(maxFaulty(protocol.name, n)).toBe(protocol.maxFaulty(n));
    });
  }
});
