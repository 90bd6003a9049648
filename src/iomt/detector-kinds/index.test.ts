import { describe, expect, it } from 'vitest';
import { zIomt } from '../../scenario/sections/iomt.ts';
import { makeDetector } from '../detector-bank.ts';
import { CusumDetector, EwmaDetector, ZScoreDetector } from '../detectors.ts';
import { FEATURES_BY_SCOPE } from './definition.ts';
import { DETECTOR_KINDS, detectorKind } from './index.ts';

describe('detector kinds', () => {
  it('registers each type once, every parameter with a default and a description', () => {
    const types = DETECTOR_KINDS.map((d) => d.type);
    expect(new Set(types).size).toBe(types.length);
    expect(types).toEqual(expect.arrayContaining(['ewma', 'cusum', 'zscore']));
    for (const d of DETECTOR_KINDS) {
      expect(() => d.paramsSchema.parse({}), d.type).not.toThrow();
      for (const [key, field] of Object.entries(d.paramsSchema.shape)) expect(field.description, `${d.type}.${key}`).toBeTruthy();
    }
    expect(() => detectorKind('shewhart')).toThrow(/^detector type: expected one of ewma, cusum, zscore(, [a-z0-9-]+)*, found 'shewhart'$/);
  });

  it("turns the scenario's entries, defaults filled in, into the registered detectors", () => {
    const { detectors } = zIomt.parse({ detectors: [
      { type: 'ewma', scope: 'device', feature: 'interarrival' },
      { type: 'cusum', scope: 'gateway', feature: 'rate', h: 5 },
      { type: 'zscore', scope: 'device', feature: 'value' },
    ] });
    expect(detectors[1]).toEqual({ type: 'cusum', scope: 'gateway', feature: 'rate', warmup: 30, k: 0.5, h: 5 });
    expect(detectors.map((d) => makeDetector(d).constructor)).toEqual([EwmaDetector, CusumDetector, ZScoreDetector]);
    expect(zIomt.safeParse({ detectors: [{ type: 'zscore', scope: 'device', feature: 'value', lambda: 0.2 }] }).success).toBe(false);
  });

  it('accepts each scope with the features its gateway feeds it, and refuses every other pairing, for every kind', () => {
    for (const { type } of DETECTOR_KINDS) {
      for (const scope of ['device', 'gateway'] as const) {
        for (const feature of ['interarrival', 'value', 'rate'] as const) {
          const fed = (FEATURES_BY_SCOPE[scope] as readonly string[]).includes(feature);
          const parsed = zIomt.safeParse({ detectors: [{ type, scope, feature }] });
          expect(parsed.success, `${type} ${scope} ${feature}`).toBe(fed);
          if (!fed) expect(parsed.error?.issues[0]?.path).toEqual(['detectors', 0, 'feature']);
        }
      }
    }
  });
});
