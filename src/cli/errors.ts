/**
 * How the CLI ends: input errors (exit 2) print one `<source>: <path>: expected X, found Y` line
 * per issue, so scripts can tell bad input apart from a failed run (exit 1).
 */
import { ResultsError } from '../report/errors.ts';
import { formatIssue, InputError, printable } from '../scenario/errors.ts';

export const EXIT = { ok: 0, failed: 1, badInput: 2, interrupted: 130 } as const;

/**
 * What a file system error on a path says about that path, where it is a property of the path a
 * user gave (checked paths are refused as input errors before any work; this is the net for a
 * path that changed meanwhile, or that only the operating system refuses, as a file without read
 * permission): bad input, with no stack trace. Other codes (a full disk) are failures.
 */
const PATH_PROBLEMS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or folder',
  EISDIR: 'a folder where a file was expected',
  ENOTDIR: 'a file where a folder was expected',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'a read-only file system',
};

interface SystemError {
  readonly code: string;
  readonly syscall?: string;
  readonly path: string;
}

function isPathError(err: unknown): err is SystemError {
  const e = err as Partial<SystemError> | null;
  return typeof e?.code === 'string' && typeof e.path === 'string' && Object.hasOwn(PATH_PROBLEMS, e.code);
}

/** Print an error the way the CLI reports it and return the exit code. */
export function reportError(err: unknown, stderr: NodeJS.WritableStream = process.stderr): number {
  if (err instanceof InputError) {
    for (const issue of err.issues) stderr.write(`${formatIssue(issue)}\n`);
    return EXIT.badInput;
  }
  // A results folder the report after a run or merge found malformed (a directory in place of
  // trace/sequence.svg) is bad input, said as `iomtsim report DIR` says it.
  if (err instanceof ResultsError) {
    stderr.write(`iomtsim report: ${printable(err.message)}\n`);
    return EXIT.badInput;
  }
  if (isPathError(err)) {
    stderr.write(`iomtsim: ${printable(err.path)}: cannot ${err.syscall ?? 'use'} it: ${PATH_PROBLEMS[err.code]} (${err.code})\n`);
    return EXIT.badInput;
  }
  const e = err as Error;
  stderr.write(`iomtsim: ${e?.stack ?? String(err)}\n`);
  return EXIT.failed;
}
