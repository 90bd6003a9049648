import { describe, expect, it } from 'vitest';
import { InputError } from '../../scenario/errors.ts';
import { zAttacks } from '../../scenario/sections/attacks.ts';
import { planAttacks } from '../plan.ts';

/** The issues planning `attacks` on `replicas` replicas raises (none: it plans). */
function issuesOf(attacks: unknown[], replicas = 4, clients = 0): { path: string; expected: string; found: string }[] {
  try {
    planAttacks(zAttacks.parse(attacks), { replicas, clients });
    return [];
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return [...(e as InputError).issues];
  }
}

describe('attack parameters checked against the world', () => {
  it('refuses leader-isolation followers that leave no replica outside the leader\'s side (> n − 2)', () => {
    expect(issuesOf([{ type: 'leader-isolation', start: '1s', followers: 10 }])).toEqual([expect.objectContaining({ path: 'attacks.0.followers', found: '10' })]);
    expect(issuesOf([{ type: 'leader-isolation', start: '1s', followers: 3 }])).toHaveLength(1);
    expect(issuesOf([{ type: 'leader-isolation', start: '1s', followers: 2 }])).toEqual([]);
    expect(issuesOf([{ type: 'leader-isolation', start: '1s', followers: 2 }], 3)[0]?.expected).toMatch(/0\.\.1/);
  });

  it('refuses a crash that lists a replica twice', () => {
    expect(issuesOf([{ type: 'crash', start: '1s', replicas: [1, 1] }])).toEqual([expect.objectContaining({ path: 'attacks.0.replicas.1', found: '1, already at replicas.0' })]);
    expect(issuesOf([{ type: 'crash', start: '1s', replicas: [1, 2] }])).toEqual([]);
  });

  it('refuses an eclipse victim among its own attackers, and an attacker listed twice', () => {
    expect(issuesOf([{ type: 'eclipse', start: '1s', victim: 2, attackers: [3, 2] }])).toEqual([expect.objectContaining({ path: 'attacks.0.attackers.1', found: '2, already at victim' })]);
    expect(issuesOf([{ type: 'eclipse', start: '1s', victim: 2, attackers: [3, 3] }])).toEqual([expect.objectContaining({ path: 'attacks.0.attackers.1' })]);
    expect(issuesOf([{ type: 'eclipse', start: '1s', victim: 2, attackers: [0, 3] }])).toEqual([]);
  });

  it('refuses a Byzantine replica list that names a replica twice, for every Byzantine attack', () => {
    for (const attack of [
      { type: 'equivocation', start: '1s', replicas: [0, 0] },
      { type: 'silence', start: '1s', replicas: [0, 0] },
      { type: 'delay-votes', start: '1s', replicas: [0, 0], delay: '5ms', kinds: ['pbft-commit'] },
      { type: 'censorship', start: '1s', replicas: [0, 0], clients: [0] },
      { type: 'stale-qc', start: '1s', replicas: [0, 0] },
    ]) expect(issuesOf([attack], 4, 2), attack.type).toEqual([expect.objectContaining({ path: 'attacks.0.replicas.1', found: '0, already at replicas.0' })]);
  });

  it('refuses a misbehaving replica among the honest ones an equivocator or a stale-QC leader shows a face to', () => {
    expect(issuesOf([{ type: 'equivocation', start: '1s', replicas: [0], sideA: [1, 0] }])).toEqual([expect.objectContaining({ path: 'attacks.0.sideA.1', found: '0, already at replicas.0' })]);
    expect(issuesOf([{ type: 'stale-qc', start: '1s', replicas: [0], fresh: [0] }])).toEqual([expect.objectContaining({ path: 'attacks.0.fresh.0', found: '0, already at replicas.0' })]);
    expect(issuesOf([{ type: 'equivocation', start: '1s', replicas: [0], sideA: [1, 2] }, { type: 'stale-qc', start: '1s', replicas: [0], fresh: [3] }])).toEqual([]);
  });

  it('refuses a censored client listed twice', () => {
    expect(issuesOf([{ type: 'censorship', start: '1s', replicas: [0], clients: [1, 1] }], 4, 2)).toEqual([expect.objectContaining({ path: 'attacks.0.clients.1', found: '1, already at clients.0' })]);
    expect(issuesOf([{ type: 'censorship', start: '1s', replicas: [0], clients: [0, 1] }], 4, 2)).toEqual([]);
  });
});
