/**
 * Reading one scenario file: YAML with positions kept, so an error can point at the line and
 * column where the offending value was written. Syntax errors, duplicate keys and a document that
 * is not a mapping are input errors here, before any schema is consulted.
 */
import { readFileSync } from 'node:fs';
import { isCollection, isMap, LineCounter, parseDocument, visit, type Alias, type Document } from 'yaml';
import { describeFound, inputError } from './errors.ts';

/** What a file that does not parse as YAML is expected to be: the one refusal that is not about valid YAML's content. */
export const VALID_YAML = 'valid YAML';

export interface YamlSource {
  /** The file as the user named it (relative paths stay relative in messages). */
  readonly file: string;
  readonly data: Record<string, unknown>;
  /** `file:line:column` where the value at `path` was written, or undefined if it is not in this file. */
  locate(path: readonly PropertyKey[]): string | undefined;
}

export function parseYamlSource(file: string, text: string): YamlSource {
  const lineCounter = new LineCounter();
  const doc: Document = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  const firstError = doc.errors[0];
  if (firstError) {
    const pos = firstError.linePos?.[0];
    const where = pos ? `${file}:${pos.line}:${pos.col}` : file;
    const reason = firstError.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?\s*$/, '');
    throw inputError(where, '(yaml)', VALID_YAML, `a syntax error: ${reason}`);
  }
  refuseCollectionKeys(file, doc, lineCounter);
  const loop = aliasInsideItsAnchor(doc);
  if (loop !== undefined) {
    const pos = loop.range ? lineCounter.linePos(loop.range[0]) : undefined;
    throw inputError(pos ? `${file}:${pos.line}:${pos.col}` : file, '(yaml)', 'an alias to a value written before it', selfReference(loop));
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    // Unresolved or exploding aliases surface only when the document is converted.
    throw inputError(file, '(yaml)', VALID_YAML, `an error: ${(err as Error).message.split('\n')[0]}`);
  }
  if (data === null || data === undefined) throw inputError(file, '(root)', 'a mapping of scenario fields', 'an empty document');
  if (typeof data !== 'object' || Array.isArray(data)) throw inputError(file, '(root)', 'a mapping of scenario fields', describeFound(data));
  return {
    file,
    data: data as Record<string, unknown>,
    locate(path) {
      const node = doc.getIn(path as unknown[], true) as { range?: [number, number, number] } | undefined;
      if (!node?.range) return undefined;
      const { line, col } = lineCounter.linePos(node.range[0]);
      return `${file}:${line}:${col}`;
    },
  };
}

/**
 * Every scenario field is named by a plain key. YAML allows a list or a mapping as a key (`? [a, b]`),
 * which JavaScript objects cannot hold: the conversion would turn it into text with a runtime warning
 * printed among the command's output.
 */
function refuseCollectionKeys(file: string, doc: Document, lineCounter: LineCounter): void {
  visit(doc, {
    Pair(_, pair) {
      if (!isCollection(pair.key)) return;
      const start = pair.key.range?.[0];
      const pos = start === undefined ? undefined : lineCounter.linePos(start);
      throw inputError(pos ? `${file}:${pos.line}:${pos.col}` : file, '(yaml)', 'a plain key, such as a field name', `a ${isMap(pair.key) ? 'mapping' : 'list'} used as a key`);
    },
  });
}

/**
 * The first alias written inside the value it names (`x: &a [*a]`): YAML allows it, and the value
 * would contain itself, which no scenario field can be (and which every walk over the fields would
 * follow for ever).
 */
export function aliasInsideItsAnchor(doc: Document): Alias | undefined {
  let found: Alias | undefined;
  visit(doc, {
    Alias(_, alias, path) {
      const target = alias.resolve(doc);
      if (target !== undefined && path.includes(target)) {
        found = alias;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return found;
}

/** What a self-referencing alias is, for an error's "found". */
export function selfReference(alias: Alias): string {
  return `*${alias.source} inside the value &${alias.source} names, a value that would contain itself`;
}

export function readYamlSource(file: string): YamlSource {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw inputError(file, '(file)', 'an existing scenario file', 'no such file');
    if (code === 'EISDIR') throw inputError(file, '(file)', 'a scenario file', 'a directory');
    throw inputError(file, '(file)', 'a readable scenario file', String((err as Error).message));
  }
  return parseYamlSource(file, text);
}

