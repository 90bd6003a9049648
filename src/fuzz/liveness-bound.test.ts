import { describe, expect, it } from 'vitest';
import { defineProtocol, z, zPositiveDurationUs } from '../plugin-api.ts';
import type { FaultPhaseEnd, ProtocolDefinition } from '../protocols/definition.ts';
import { InputError } from '../scenario/errors.ts';
import { deriveCase } from './derive.ts';
import { livenessBound, type BoundInputs } from './liveness-bound.ts';
import type { FuzzTarget } from './target.ts';

/** A plug-in's definition as the fuzzer sees it: one duration parameter, 200 ms by default. */
const sequencer = defineProtocol({
  name: 'sequencer',
  title: 'A plug-in with one duration parameter',
  reference: 'none (a test fixture)',
  paramsSchema: z.object({ resendInterval: zPositiveDurationUs.default(200_000).describe('how often it re-sends') }).strict(),
  faultModel: { kind: 'crash', rule: 'n ≥ 2f + 1', maxFaulty: (n) => Math.floor((n - 1) / 2), quorum: (n) => Math.floor(n / 2) + 1, repliesNeeded: () => 1 },
  messageKinds: ['seq-propose'],
  createReplica: () => {
    throw new Error('not run: only its definition is read');
  },
});

const REQUEST_TIMEOUT_US = 2_000_000;
const SLACK_US = 1_000_000;

function plugIn(definition: ProtocolDefinition): BoundInputs {
  return { family: 'plug-in', definition, nodes: 5, timersUs: {}, faultPhaseUs: 4_000_000, requestTimeoutUs: REQUEST_TIMEOUT_US, calmFaulty: [3], module: '/plugins/sequencer.ts' };
}

describe("a plug-in protocol's liveness bound in the fuzzer", () => {
  it('is 20 times its longest duration parameter, at least 1 s, where it states no recovery bound', () => {
    // The sequencer's one duration, resendInterval, is 200 ms: the 1 s floor applies.
    expect(livenessBound(plugIn(sequencer)).boundUs).toBe(REQUEST_TIMEOUT_US + SLACK_US + 20 * 1_000_000);
  });

  it('is the recovery bound the definition states, given the fault phase it recovers from', () => {
    const seen: FaultPhaseEnd[] = [];
    const stated = { ...sequencer, recoveryBoundUs: (params: { resendInterval: number }, after: FaultPhaseEnd) => (seen.push(after), 3 * params.resendInterval + after.faultyReplicas.length * 1_000) };
    const { boundUs, rule } = livenessBound(plugIn(stated as ProtocolDefinition));
    expect(boundUs).toBe(REQUEST_TIMEOUT_US + SLACK_US + 3 * 200_000 + 1_000);
    expect(seen).toEqual([{ nodes: 5, faultPhaseUs: 4_000_000, faultyReplicas: [3] }]);
    expect(rule).toBe("request timeout + 1 s + the protocol's recoveryBoundUs (0.60 s)");
  });

  it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY])('refuses a stated recovery bound of %s, naming the module and the field', (value) => {
    const stated = { ...sequencer, recoveryBoundUs: () => value };
    let thrown: unknown;
    try {
      livenessBound(plugIn(stated as ProtocolDefinition));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InputError);
    expect((thrown as InputError).message).toBe(`/plugins/sequencer.ts: recoveryBoundUs: expected a positive, finite number of µs from the definition of a plug-in protocol, found ${String(value)} at n = 5 after a fault phase of 4000000 µs`);
  });

  it('calls the stated bound on its definition, so it may read the definition\'s own fields', () => {
    const stated = { ...sequencer, slackUs: 2_000_000, recoveryBoundUs(this: { slackUs: number }) { return this.slackUs; } };
    expect(livenessBound(plugIn(stated as unknown as ProtocolDefinition)).boundUs).toBe(REQUEST_TIMEOUT_US + SLACK_US + 2_000_000);
  });

  it('refuses a stated bound that throws, naming the module, the field and what it threw', () => {
    const stated = { ...sequencer, recoveryBoundUs: () => { throw new Error('no bound for n = 5'); } };
    expect(() => livenessBound(plugIn(stated as ProtocolDefinition))).toThrow('/plugins/sequencer.ts: recoveryBoundUs: expected a function that returns a bound for every fault phase the fuzzer draws, found one that threw at n = 5 after a fault phase of 4000000 µs: no bound for n = 5');
  });

  it("sets the length of a derived seed's run", () => {
    const target = (recoveryBoundUs?: () => number): FuzzTarget => ({ definition: (recoveryBoundUs === undefined ? sequencer : { ...sequencer, recoveryBoundUs }) as ProtocolDefinition, family: 'plug-in', module: '/plugins/sequencer.ts', label: 'sequencer' });
    const defaultRule = deriveCase(target(), 7, { lo: 4, hi: 7 });
    const stated = deriveCase(target(() => 500_000), 7, { lo: 4, hi: 7 });
    expect(defaultRule.livenessBoundUs - stated.livenessBoundUs).toBe(20 * 1_000_000 - 500_000);
  });
});
