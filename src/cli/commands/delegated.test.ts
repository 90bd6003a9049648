import { describe, expect, it } from 'vitest';
import { InputError } from '../../scenario/errors.ts';
import { benchCommand } from './delegated.ts';

/** The one issue `bench` refuses its flags with, or a failure naming what happened instead. */
async function benchRefusal(args: Parameters<typeof benchCommand>[0]): Promise<InputError['issues'][number]> {
  try {
    await benchCommand(args);
  } catch (error) {
    if (error instanceof InputError) return error.issues[0]!;
    throw error;
  }
  throw new Error('expected an input error');
}

describe('iomtsim bench flags', () => {
  it('shows a --runs that is no number as typed', async () => {
    expect(await benchRefusal({ suite: 'phold', runs: 'abc' })).toEqual({ source: '--runs abc', path: '(flag)', expected: 'an integer from 1 to 1000', found: "'abc'" });
  });

  it('shows a --threads that is no number as typed', async () => {
    expect(await benchRefusal({ suite: 'phold', threads: 'two' })).toMatchObject({ source: '--threads two', found: "'two'" });
  });
});
