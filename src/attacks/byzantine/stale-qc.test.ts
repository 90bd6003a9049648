import { describe, expect, it } from 'vitest';
import { hotstuff } from '../../protocols/hotstuff/index.ts';
import { PROPOSE_ON_LOCK } from '../../protocols/definition.ts';
import { pbft } from '../../protocols/pbft/index.ts';
import { loadScenario } from '../../scenario/load.ts';
import { defaultFresh } from './stale-qc.ts';

describe('stale-qc', () => {
  it('pulls a lever HotStuff offers and PBFT does not', () => {
    expect(hotstuff.byzantineLevers).toContain(PROPOSE_ON_LOCK);
    expect(pbft.byzantineLevers ?? []).not.toContain(PROPOSE_ON_LOCK);
  });

  it('rejects a scenario whose protocol lacks the lever, naming the attack', () => {
    const file = new URL('../../../scenarios/attacks/stale-qc.yaml', import.meta.url).pathname;
    expect(() => loadScenario(file, ['consensus.protocol=pbft'])).toThrow(/attacks\.0\.type: expected an attack pbft can run \(stale-qc needs a protocol with the Byzantine lever 'propose-on-lock'.*\), found 'stale-qc' on pbft, which has none/s);
  });

  it('lets the honest replica just before the first attacker hear the honest face, cyclically', () => {
    expect(defaultFresh([3], 4)).toEqual([2]);
    expect(defaultFresh([0], 4)).toEqual([3]);
    expect(defaultFresh([0, 1, 2], 10)).toEqual([9]);
    expect(defaultFresh([1, 3, 0], 7)).toEqual([6]);
  });
});
