import { describe, expect, it } from 'vitest';
import { ConsentContract } from './consent.ts';
import { CopyOnWrite, copyMapOfArrays } from './copy-on-write.ts';
import { DeviceRegistry } from './registry.ts';

const HOUR_US = 3_600_000_000;

function mapHolder(entries: [string, string[]][] = []): CopyOnWrite<Map<string, string[]>> {
  return new CopyOnWrite(new Map(entries), copyMapOfArrays);
}

function grantArgs(consent: string, grantee: string): Record<string, unknown> {
  return { consent, patient: 'pt-1', grantee, scope: 'treatment', purpose: 'TREAT', periodStartUs: 0, periodEndUs: HOUR_US, provision: 'permit' };
}

describe('CopyOnWrite', () => {
  it('keeps a sharing holder’s change from the holder it shares with', () => {
    const source = mapHolder([['a', ['x']]]);
    const copy = mapHolder();
    copy.shareFrom(source);
    copy.write.get('a')!.push('y');
    copy.write.set('b', []);
    expect(source.read.get('a')).toEqual(['x']);
    expect(source.read.has('b')).toBe(false);
  });

  it('keeps the source’s later change from the holders that share its value', () => {
    const source = mapHolder([['a', ['x']]]);
    const copy = mapHolder();
    copy.shareFrom(source);
    source.write.set('b', ['z']);
    expect(copy.read.has('b')).toBe(false);
    expect(source.read.get('b')).toEqual(['z']);
  });

  it('reads the shared value itself until a change', () => {
    const source = mapHolder([['a', ['x']]]);
    const copy = mapHolder();
    copy.shareFrom(source);
    expect(copy.read).toBe(source.read);
    copy.write;
    expect(copy.read).not.toBe(source.read);
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
