/**
 * The one error type the report module raises for bad input: a results folder that is missing a
 * file or holds something other than what docs/results.md describes. Its message names the file,
 * the field path, what was expected and what was found, so the CLI can print it and exit 2.
 */
export class ResultsError extends Error {
  override readonly name = 'ResultsError';

  constructor(
    readonly file: string,
    readonly field: string,
    readonly expected: string,
    readonly found: string,
  ) {
    super(`${file}: ${field === '' ? '(file)' : field}: expected ${expected}, found ${found}`);
  }
}

/** A short, printable rendering of an unexpected value for an error message. */
export function describeFound(value: unknown): string {
  if (value === undefined) return 'nothing (missing)';
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
