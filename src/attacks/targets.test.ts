import { describe, expect, it } from 'vitest';
import { InputError } from '../scenario/errors.ts';
import { zAttacks } from '../scenario/sections/attacks.ts';
import { planAttacks } from './plan.ts';
import { reportingIssues } from './targets.ts';

describe('attack targets', () => {
  it('rejects a replica index outside the world, naming the field path', () => {
    const specs = zAttacks.parse([{ type: 'silence', replicas: [1, 9] }]);
    expect(() => planAttacks(specs, { replicas: 4, clients: 0 })).toThrow(InputError);
    try {
      planAttacks(specs, { replicas: 4, clients: 0 });
    } catch (e) {
      expect((e as InputError).issues[0]).toMatchObject({ path: 'attacks.0.replicas.1', found: '9' });
    }
  });

  it('rejects a replica listed in two partition groups, naming both places', () => {
    const specs = zAttacks.parse([{ type: 'partition', start: '1s', groups: [[0, 1], [2, 1]] }]);
    expect(() => planAttacks(specs, { replicas: 4, clients: 0 })).toThrow(InputError);
    try {
      planAttacks(specs, { replicas: 4, clients: 0 });
    } catch (e) {
      expect((e as InputError).issues).toEqual([expect.objectContaining({ path: 'attacks.0.groups.1.1', found: '1, already at groups.0.1' })]);
    }
  });

  it('rejects an end before the start', () => {
    const specs = zAttacks.parse([{ type: 'crash', start: '2s', end: '1s', replicas: [0] }]);
    expect(() => planAttacks(specs, { replicas: 4, clients: 0 })).toThrow(/attacks\.0\.end/);
  });

  it('says a world has none of a target rather than giving the empty range 0..-1', () => {
    const said: string[] = [];
    const issues = reportingIssues((field, expected, found) => said.push(`${field}: expected ${expected}, found ${found}`));
    issues.index('devices.0', 0, 0, 'a device number');
    issues.index('devices.1', 3, 2, 'a device number');
    issues.index('devices.2', 1, 2, 'a device number');
    expect(said).toEqual(['devices.0: expected a device number, of which this world has none, found 0', 'devices.1: expected a device number in 0..1, found 3']);
  });
});
