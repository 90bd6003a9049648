/**
 * Structured input errors: every problem in a scenario file, an override or a flag names where it
 * came from (`source`: a file, or the flag as typed), the field path, what was expected and what
 * was found. The CLI prints them one per line as `<source>: <path>: expected <X>, found <Y>` and
 * exits with code 2.
 */
export interface InputIssue {
  /** The file (with `:line:column` when known) or the flag, e.g. `--set consensus.nodes=x`. */
  readonly source: string;
  /** Dotted field path (`consensus.nodes`, `network.latency.0.kind`), or `(file)` / `(flag)`. */
  readonly path: string;
  readonly expected: string;
  readonly found: string;
}

export class InputError extends Error {
  readonly issues: readonly InputIssue[];
  constructor(issues: readonly InputIssue[]) {
    // One problem is said once, however many checks found it (zod's int() and max() both refuse a
    // seed beyond 2^53 with the same bound).
    const seen = new Set<string>();
    const unique = issues.filter((i) => {
      const text = formatIssue(i);
      return !seen.has(text) && seen.add(text) !== undefined;
    });
    super(unique.map(formatIssue).join('\n'));
    this.name = 'InputError';
    this.issues = unique;
  }
}

export function formatIssue(issue: InputIssue): string {
  return printable(`${issue.source}: ${issue.path}: expected ${issue.expected}, found ${issue.found}`);
}

/**
 * `text` with control characters written as escapes (`\u001b`): a key or value from input that holds
 * a terminal's escape sequence would otherwise clear or recolour the terminal the message goes to,
 * and a NUL before a key would print it as if it were the key it hides.
 */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function inputError(source: string, path: string, expected: string, found: string): InputError {
  return new InputError([{ source, path, expected, found }]);
}

/** How a value found in input reads in a message: strings quoted, collections named. */
export function describeFound(value: unknown): string {
  if (value === undefined) return 'nothing (the field is missing)';
  if (value === null) return 'null';
  if (typeof value === 'string') return `'${value.length > 60 ? `${value.slice(0, 57)}...` : value}'`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `a list of ${value.length} item${value.length === 1 ? '' : 's'}`;
  if (typeof value === 'object') return 'a mapping';
  return typeof value;
}

/** What a plug-in's hook that threw says, as the `found` of an issue: its message, not its stack. */
export function describeThrown(err: unknown): string {
  return `an error: ${err instanceof Error ? err.message : String(err)}`;
}

export function dottedPath(path: readonly PropertyKey[]): string {
  return path.length === 0 ? '(root)' : path.map(String).join('.');
}

/** Problems found at field paths of a scenario, each named where its value came from (`locate`). */
export function fieldIssuesError(issues: readonly { readonly path: readonly PropertyKey[]; readonly expected: string; readonly found: string }[], locate: (path: readonly PropertyKey[]) => string): InputError {
  return new InputError(issues.map((i) => ({ source: locate(i.path), path: dottedPath(i.path), expected: i.expected, found: i.found })));
}
