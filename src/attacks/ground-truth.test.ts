import { describe, expect, it } from 'vitest';
import { GroundTruth, TRUTH_LABEL_EVENT, type TruthLabelEvent } from './ground-truth.ts';

describe('GroundTruth', () => {
  it('answers whether an entity is labelled at a time, inside its window only', () => {
    const gt = new GroundTruth();
    const l = gt.label('host', 3, 'crash', 'crashed', 1_000);
    gt.close(l, 5_000);
    expect([gt.isLabelledAt('host', 3, 999), gt.isLabelledAt('host', 3, 1_000), gt.isLabelledAt('host', 3, 4_999), gt.isLabelledAt('host', 3, 5_000)]).toEqual([false, true, true, false]);
    expect(gt.isLabelledAt('host', 4, 2_000)).toBe(false);
  });

  it('lists Byzantine replica hosts once each and writes open windows as null', () => {
    const gt = new GroundTruth();
    gt.label('host', 1, 'silence', 'byzantine-replica', 0);
    gt.label('host', 1, 'equivocation', 'byzantine-replica', 0);
    gt.label('host', 2, 'crash', 'crashed', 0);
    expect(gt.byzantineHosts()).toEqual([1]);
    expect(gt.toJSON()[0]!.toUs).toBeNull();
  });
});

describe('GroundTruth.countsByAttack', () => {
  it('counts the labels each attack recorded after the first `from`, leaving the Byzantine replicas\' out', () => {
    const gt = new GroundTruth();
    gt.label('host', 1, 'silence+equivocation', 'byzantine-replica', 0);
    gt.label('access', 'cl_0', 'consent-misuse', 'former-grantee:expired', 0);
    gt.label('record', 'r1', 'record-tamper', 'tampered-record', 5);
    gt.label('record', 'r2', 'record-tamper', 'tampered-record', 6);
    expect(gt.countsByAttack()).toEqual({ 'consent-misuse': 1, 'record-tamper': 2 });
    expect(gt.countsByAttack(2)).toEqual({ 'record-tamper': 2 });
  });
});

describe('GroundTruth.follow', () => {
  const event = (id: number, fromUs: number, role = 'censored', attack = 'censorship') => ({ kind: TRUTH_LABEL_EVENT, entity: 'tx', id, attack, role, fromUs }) as TruthLabelEvent;

  it('records a label an attack reports again (the same entity, attack and role, from later) once, from its first report', () => {
    const gt = new GroundTruth();
    const follow = gt.follow();
    follow(0, event(7, 2_000), 2_000);
    follow(1, event(7, 3_000), 3_000);
    follow(0, event(7, 4_000), 4_000);
    expect(gt.toJSON()).toEqual([{ entity: 'tx', id: 7, attack: 'censorship', role: 'censored', fromUs: 2_000, toUs: null }]);
  });

  it('records the reports of other entities, roles or attacks, and one after a closed label of its own, each', () => {
    const gt = new GroundTruth();
    const closed = gt.label('tx', 7, 'censorship', 'censored', 0);
    gt.close(closed, 1_000);
    const follow = gt.follow();
    follow(0, event(7, 2_000), 2_000);
    follow(0, event(8, 2_000), 2_000);
    follow(0, event(7, 2_000, 'delayed'), 2_000);
    follow(0, event(7, 2_000, 'censored', 'other'), 2_000);
    expect(gt.size).toBe(5);
  });
});
