import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { definitionProblems } from './definition.ts';

const valid = { type: 'quiet', title: 'Quiet', category: 'network', targets: 'nothing', model: 'does nothing', paramsSchema: z.object({}), outcomes: [], install: () => {} };

describe('definitionProblems', () => {
  it('accepts a definition with one action and no optional part', () => {
    expect(definitionProblems(valid)).toEqual([]);
  });

  it('names each optional part present with the wrong type, with what was found', () => {
    const { install: _install, ...withoutAction } = valid;
    expect(definitionProblems({
      ...withoutAction,
      install: 42,
      checkTargets: 'yes',
      checkProtocol: {},
      faultyReplicas: [0],
      connectedSides: 1,
      splitsOverThreads: 'yes',
      device: () => undefined,
      byzantine: false,
      breaksSynchrony: 'always',
      waitsFor: 3,
    })).toEqual([
      "exactly one of 'byzantineBehaviour', 'install', 'device', 'powAttack' (found install, device)",
      "'checkTargets': a function when present (found 'yes')",
      "'checkProtocol': a function when present (found a mapping)",
      "'faultyReplicas': a function when present (found a list of 1 item)",
      "'connectedSides': a function when present (found 1)",
      "'splitsOverThreads': a function when present (found 'yes')",
      "'install': a function when present (found 42)",
      "'device': an object (the device hooks) with a function 'plan' and, if present, functions 'checkWorldTargets' and 'detectorBaselines' when present (found function)",
      "'byzantine': true when present (found false)",
      "'breaksSynchrony': true or false when present (found 'always')",
      "'waitsFor': a string when present (found 3)",
    ]);
  });

  it("refuses device hooks without a function 'plan', or with a 'checkWorldTargets' that is not one: every replication would fail", () => {
    const { install: _install, ...withoutAction } = valid;
    for (const device of [{}, { plan: 1 }, { plan: () => undefined, checkWorldTargets: 'x' }]) {
      expect(definitionProblems({ ...withoutAction, category: 'device', device })).toEqual([expect.stringMatching(/^'device': an object \(the device hooks\) with a function 'plan'/)]);
    }
    expect(definitionProblems({ ...withoutAction, category: 'device', device: { plan: () => undefined } })).toEqual([]);
  });
});
