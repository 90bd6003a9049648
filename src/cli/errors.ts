/**
 * How the CLI ends: input errors (exit 2) print one `<source>: <path>: expected X, found Y` line
 * per issue, so scripts can tell bad input apart from a failed run (exit 1).
 */
import { formatIssue, InputError } from '../scenario/errors.ts';

export const EXIT = { ok: 0, failed: 1, badInput: 2, interrupted: 130 } as const;

/** Print an error the way the CLI reports it and return the exit code. */
export function reportError(err: unknown, stderr: NodeJS.WritableStream = process.stderr): number {
  if (err instanceof InputError) {
    for (const issue of err.issues) stderr.write(`${formatIssue(issue)}\n`);
    return EXIT.badInput;
  }
  const e = err as Error;
  stderr.write(`iomtsim: ${e?.stack ?? String(err)}\n`);
  return EXIT.failed;
}
