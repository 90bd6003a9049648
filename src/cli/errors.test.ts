import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ResultsError } from '../report/errors.ts';
import { inputError } from '../scenario/errors.ts';
import { EXIT, reportError } from './errors.ts';

/** Report `err` into a string and return the exit code with what was printed. */
function reported(err: unknown): { code: number; text: string } {
  let text = '';
  const code = reportError(err, { write: (chunk: string) => ((text += chunk), true) } as unknown as NodeJS.WritableStream);
  return { code, text };
}

function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected a throw');
}

describe('reportError', () => {
  it('prints an input error as its issue lines, exit 2', () => {
    expect(reported(inputError('f.yaml:1:1', 'duration', 'a duration', "'x'"))).toEqual({ code: EXIT.badInput, text: "f.yaml:1:1: duration: expected a duration, found 'x'\n" });
  });

  it('prints a file system error on a path as bad input naming the path, without a stack trace', () => {
    const { code, text } = reported(thrownBy(() => readFileSync('/nonexistent-iomtsim/x.json')));
    expect(code).toBe(EXIT.badInput);
    expect(text).toBe('iomtsim: /nonexistent-iomtsim/x.json: cannot open it: no such file or folder (ENOENT)\n');
  });

  it("writes control characters from input as escapes, so a key holding a terminal's escape sequence cannot clear or recolour it", () => {
    expect(reported(inputError('f.yaml:2:1', '\u001b[2Jevil', 'a known key', "the unknown key '\u0000duration'")).text).toBe(
      "f.yaml:2:1: \\u001b[2Jevil: expected a known key, found the unknown key '\\u0000duration'\n",
    );
    expect(reported(thrownBy(() => readFileSync('/nonexistent-iomtsim/\u001b[31mx.json'))).text).toBe('iomtsim: /nonexistent-iomtsim/\\u001b[31mx.json: cannot open it: no such file or folder (ENOENT)\n');
  });

  it("prints a results folder's malformed content as bad input, as `iomtsim report DIR` does, without a stack trace", () => {
    expect(reported(new ResultsError('r/summary.json', 'points', 'at least one point for a complete run', '[]'))).toEqual({
      code: EXIT.badInput,
      text: 'iomtsim report: r/summary.json: points: expected at least one point for a complete run, found []\n',
    });
  });

  it('prints any other error with its stack trace, exit 1 (a defect to report)', () => {
    const { code, text } = reported(new TypeError('x is not a function'));
    expect(code).toBe(EXIT.failed);
    expect(text).toMatch(/^iomtsim: TypeError: x is not a function\n {4}at /);
  });
});
