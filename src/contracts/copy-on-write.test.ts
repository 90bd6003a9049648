import { describe, expect, it } from 'vitest';
import { ConsentContract } from './consent.ts';
import { CopyOnWriteListMap, CopyOnWriteMap } from './copy-on-write.ts';
import { DeviceRegistry } from './registry.ts';

const HOUR_US = 3_600_000_000;

function listMap(entries: [string, string[]][] = []): CopyOnWriteListMap<string, string> {
  const m = new CopyOnWriteListMap<string, string>();
  for (const [k, list] of entries) for (const item of list) m.push(k, item);
  return m;
}

function grantArgs(consent: string, grantee: string): Record<string, unknown> {
  return { consent, patient: 'pt-1', grantee, scope: 'treatment', purpose: 'TREAT', periodStartUs: 0, periodEndUs: HOUR_US, provision: 'permit' };
}

describe('CopyOnWriteMap', () => {
  it('keeps a sharing holder’s change from the holder it shares with', () => {
    const source = listMap([['a', ['x']]]);
    const copy = new CopyOnWriteListMap<string, string>();
    copy.shareFrom(source);
    copy.push('a', 'y');
    copy.set('b', []);
    expect(source.get('a')).toEqual(['x']);
    expect(copy.get('a')).toEqual(['x', 'y']);
    expect(source.has('b')).toBe(false);
  });

  it('keeps the source’s later change from the holders that share its value', () => {
    const source = listMap([['a', ['x']]]);
    const copy = new CopyOnWriteListMap<string, string>();
    copy.shareFrom(source);
    source.set('b', ['z']);
    source.push('a', 'w');
    expect(copy.has('b')).toBe(false);
    expect(copy.get('a')).toEqual(['x']);
    expect(source.get('b')).toEqual(['z']);
    expect(source.get('a')).toEqual(['x', 'w']);
  });

  it('holds of its own only the entries a holder changed, not the table it shares', () => {
    const genesis = new CopyOnWriteMap<string, number>();
    for (let k = 0; k < 10_000; k++) genesis.set(`d${k}`, k);
    const replicas = Array.from({ length: 16 }, () => new CopyOnWriteMap<string, number>());
    for (const r of replicas) r.shareFrom(genesis);
    for (const [i, r] of replicas.entries()) r.set(`d${i}`, -1);
    expect(replicas.map((r) => r.ownSize)).toEqual(Array.from({ length: 16 }, () => 1));
    expect(genesis.ownSize).toBe(0);
    expect(replicas[3]!.get('d3')).toBe(-1);
    expect(replicas[4]!.get('d3')).toBe(3);
  });

  it('iterates as a Map does: keys in the order first set, each with its latest value', () => {
    const source = new CopyOnWriteMap<string, number>();
    const plain = new Map<string, number>();
    for (const [k, v] of [['a', 1], ['b', 2], ['c', 3]] as const) {
      source.set(k, v);
      plain.set(k, v);
    }
    const copy = new CopyOnWriteMap<string, number>();
    copy.shareFrom(source);
    for (const [k, v] of [['d', 4], ['b', 20], ['e', 5], ['d', 40]] as const) {
      copy.set(k, v);
      plain.set(k, v);
    }
    expect([...copy]).toEqual([...plain]);
    expect([...copy.keys()]).toEqual([...plain.keys()]);
    expect([...copy.values()]).toEqual([...plain.values()]);
    expect(copy.size).toBe(plain.size);
    const again = new CopyOnWriteMap<string, number>();
    again.shareFrom(copy);
    expect([...again]).toEqual([...plain]);
  });
});

describe('contracts copied from one genesis', () => {
  it('a device revoked at one replica stays active at the genesis state and another replica', () => {
    const genesis = new DeviceRegistry();
    genesis.enrol({ device: 'dev_0', keyId: 'k0', deviceType: 'ecg', patient: 'pt-1', gateway: 7 }, 0);
    const a = new DeviceRegistry();
    const b = new DeviceRegistry();
    a.copyFrom(genesis);
    b.copyFrom(genesis);
    a.revoke({ device: 'dev_0', status: 'revoked' }, 3);
    a.enrol({ device: 'dev_1', keyId: 'k1', deviceType: 'ecg', patient: 'pt-1', gateway: 7 }, 3);
    expect(a.accepts('dev_0', 'k0')).toBe(false);
    expect(b.accepts('dev_0', 'k0')).toBe(true);
    expect(genesis.accepts('dev_0', 'k0')).toBe(true);
    expect(b.devicesAt(7)).toEqual(['dev_0']);
    expect(genesis.digest()).toBe(b.digest());
    expect(a.digest()).not.toBe(b.digest());
  });

  it('a consent granted at one replica permits nothing at another', () => {
    const genesis = new ConsentContract();
    genesis.grant(grantArgs('c0', 'dr-1'));
    const a = new ConsentContract();
    const b = new ConsentContract();
    a.copyFrom(genesis);
    b.copyFrom(genesis);
    // pt-1 already has a consent: the grant appends to its list of consents.
    a.grant(grantArgs('c1', 'dr-2'));
    expect(a.permitting('pt-1', 'dr-2', 'TREAT', 0)).toBe('c1');
    expect(b.permitting('pt-1', 'dr-2', 'TREAT', 0)).toBeUndefined();
    expect(genesis.permitting('pt-1', 'dr-2', 'TREAT', 0)).toBeUndefined();
    expect(b.permitting('pt-1', 'dr-1', 'TREAT', 0)).toBe('c0');
  });
});
