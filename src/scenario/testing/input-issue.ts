/** Tests of bad input: the first issue an input error reports, or a failure naming what happened instead. */
import { InputError, type InputIssue } from '../errors.ts';

/** The first issue `fn` is refused with; undefined when it returns. Any other error propagates. */
export function issueOf(fn: () => unknown): InputIssue | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof InputError) return error.issues[0];
    throw error;
  }
  return undefined;
}

/** The first issue `fn`'s promise is refused with; fails the test when it resolves. */
export async function refusalOf(fn: () => Promise<unknown>): Promise<InputIssue> {
  try {
    await fn();
  } catch (error) {
    if (error instanceof InputError) return error.issues[0]!;
    throw error;
  }
  throw new Error('expected an input error');
}
