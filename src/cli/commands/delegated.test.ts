import { describe, expect, it } from 'vitest';
import { refusalOf } from '../../scenario/testing/input-issue.ts';
import { benchCommand } from './delegated.ts';

/** The one issue `bench` refuses its flags with. */
const benchRefusal = (args: Parameters<typeof benchCommand>[0]) => refusalOf(() => benchCommand(args));

describe('iomtsim bench flags', () => {
  it('shows a --runs that is no number as typed', async () => {
    expect(await benchRefusal({ suite: 'phold', runs: 'abc' })).toEqual({ source: '--runs abc', path: '(flag)', expected: 'an integer from 1 to 1000', found: "'abc'" });
  });

  it('shows a --threads that is no number as typed', async () => {
    expect(await benchRefusal({ suite: 'phold', threads: 'two' })).toMatchObject({ source: '--threads two', found: "'two'" });
  });
});
