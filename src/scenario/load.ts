/**
 * Loading a scenario: read the file, follow `extends:` (paths relative to the extending file,
 * deep merge, cycles are errors), apply `--set` overrides, validate with the schema and the fault
 * model. Every failure is an InputError whose issues name the file (with line and column where
 * the value was written), the field path, what was expected and what was found.
 */
import { basename, dirname, extname, isAbsolute, join, resolve } from 'node:path';
import { existsSync, statSync } from 'node:fs';
import { describeFound, fieldIssuesError, InputError, inputError } from './errors.ts';
import { parseSet, setOwn, withOverride, type Override } from './overrides.ts';
import { scenarioSchemaFor, type Scenario } from './schema.ts';
import { registriesFor } from '../plugins/registries.ts';
import { namesPlugins, resolvePlugins } from '../plugins/resolve.ts';
import { ensureRecordedPlugins, loadedRecordedPlugins, recordedPlugins } from '../plugins/recorded.ts';
import { pluginAttackHookIssues } from '../plugins/attack-hooks.ts';
import { isReservedKey, keysAt } from './schema-paths.ts';
import { parseYamlSource, readYamlSource, type YamlSource } from './yaml-source.ts';
import { translateIssues, type FieldIssue } from './zod-issues.ts';
import { checkScenarioFaultModel } from './fault-model-check.ts';
import { checkScenarioConsistency } from './consistency-check.ts';
import { checkScenarioAttacks } from './attack-check.ts';
import { consortiumSeats } from './sections/iomt.ts';
import { expectedMetricIssues } from './metric-names.ts';

export interface LoadedScenario {
  readonly file: string;
  /** Validated: every default filled, every quantity in base units. */
  readonly scenario: Scenario;
  /** The merged input (extends followed, overrides applied) before validation. */
  readonly input: Record<string, unknown>;
  /** The `--set` expressions applied, as typed. */
  readonly overrides: readonly string[];
  /** Where a field's value came from (`file:line:col`, or the `--set` that gave it), for messages about this scenario. */
  readonly locate: (path: readonly PropertyKey[]) => string;
}

type Plain = Record<string, unknown>;

function isPlain(v: unknown): v is Plain {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** `over` wins; mappings merge key by key, lists and scalars are replaced whole. */
function deepMerge(base: Plain, over: Plain): Plain {
  const out: Plain = { ...base };
  for (const [key, value] of Object.entries(over)) {
    // Own properties only: a key such as `__proto__` is kept as a (refused) field, not set as the prototype.
    const prior = Object.hasOwn(out, key) ? out[key] : undefined;
    setOwn(out, key, isPlain(prior) && isPlain(value) ? deepMerge(prior, value) : value);
  }
  return out;
}

/** The file and the files it extends, the named file first. */
function collectLayers(top: YamlSource, read: (file: string) => YamlSource): YamlSource[] {
  const layers = [top];
  const chain = [resolve(top.file)];
  let current = top;
  for (;;) {
    const ext = current.data['extends'];
    if (ext === undefined) return layers;
    const where = current.locate(['extends']) ?? current.file;
    if (typeof ext !== 'string' || ext.trim() === '') throw inputError(where, 'extends', 'a path to another scenario file, relative to this one', describeFound(ext));
    const parentFile = isAbsolute(ext) ? ext : join(dirname(current.file), ext);
    const absolute = resolve(parentFile);
    if (chain.includes(absolute)) {
      throw inputError(where, 'extends', 'a chain of scenarios without a cycle', `the cycle ${[...layers.map((l) => l.file), parentFile].join(' → ')}`);
    }
    if (!existsSync(parentFile)) throw inputError(where, 'extends', 'an existing scenario file, relative to this one', `'${ext}' (no such file: ${parentFile})`);
    // Reading a folder would fail with the folder's path alone, not the field that named it.
    if (statSync(parentFile).isDirectory()) throw inputError(where, 'extends', 'a scenario file, relative to this one', `'${ext}', a folder (${parentFile})`);
    current = read(parentFile);
    layers.push(current);
    chain.push(absolute);
  }
}

function nameFromFile(file: string): string {
  const stem = basename(file, extname(file)).toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[^a-z0-9]+/, '');
  return stem === '' ? 'scenario' : stem;
}

function locator(layers: readonly YamlSource[], file: string): (path: readonly PropertyKey[]) => string {
  return (path) => {
    // The deepest prefix of the path written in any layer, nearest file first.
    for (let len = path.length; len >= 1; len--) {
      for (const layer of layers) {
        const at = layer.locate(path.slice(0, len));
        if (at) return at;
      }
    }
    return file;
  };
}

/**
 * Where a field's value came from: the last override under whose path it lies; else the last
 * override beside it (sharing a mapping) when no file writes the field itself, for a default that
 * only an override made wrong (`--set consensus.pbft.checkpointInterval=300` against the default
 * logWindow) or a field an override created; else the file.
 */
export function blameFor(locate: (path: readonly PropertyKey[]) => string, overrides: readonly Override[]): (path: readonly PropertyKey[]) => string {
  // A prefix is written in a file when it locates elsewhere than its parent (locate falls back to the deepest written prefix).
  const written = (prefix: readonly PropertyKey[]): boolean => prefix.length > 0 && locate(prefix) !== locate(prefix.slice(0, -1));
  return (path) => {
    const key = path.map(String);
    for (let i = overrides.length - 1; i >= 0; i--) {
      const o = overrides[i]!;
      if (o.path.every((segment, j) => key[j] === segment)) return o.source;
    }
    for (let i = overrides.length - 1; i >= 0; i--) {
      const o = overrides[i]!;
      let shared = 0;
      while (shared < o.path.length && shared < key.length && o.path[shared] === key[shared]) shared++;
      if (shared > 0 && !written(path.slice(0, shared + 1))) return o.source;
    }
    return locate(path);
  };
}

/**
 * `__proto__` written as a key (YAML keeps it as an own key) names no field; zod would drop it from
 * a mapping keyed by name (`expect:`) without a word, so it is refused here wherever it appears.
 */
function reservedKeyIssues(value: unknown, path: readonly PropertyKey[], knownKeysAt: (path: readonly PropertyKey[]) => readonly string[]): FieldIssue[] {
  if (value === null || typeof value !== 'object') return [];
  const issues: FieldIssue[] = [];
  for (const key of Object.keys(value)) {
    if (isReservedKey(key)) {
      const keys = knownKeysAt(path);
      issues.push({ path: [...path, key], expected: keys.length > 0 ? `one of the known keys: ${keys.join(', ')}` : 'a key other than __proto__ (a name JavaScript reserves)', found: `the unknown key '${key}'` });
    } else {
      issues.push(...reservedKeyIssues((value as Record<string, unknown>)[key], [...path, Array.isArray(value) ? Number(key) : key], knownKeysAt));
    }
  }
  return issues;
}

/** Validate a merged input; `overrides` take the blame for issues under their paths. */
export function validateScenarioInput(
  input: Plain,
  locate: (path: readonly PropertyKey[]) => string,
  overrides: readonly Override[],
): Scenario {
  const sourceOf = blameFor(locate, overrides);
  if (namesPlugins(input)) {
    throw inputError(locate(['consensus']), '(plug-ins)', 'plug-in modules loaded before validation (loadScenarioAsync, which the CLI uses)', 'a module reference');
  }
  const registries = registriesFor(loadedRecordedPlugins(input, sourceOf));
  const schema = scenarioSchemaFor(registries);
  const reserved = reservedKeyIssues(input, [], (path) => keysAt(schema, path, input));
  if (reserved.length > 0) throw fieldIssuesError(reserved, sourceOf);
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const issues = translateIssues(parsed.error.issues, input, (path) => keysAt(schema, path, input));
    throw fieldIssuesError(issues, sourceOf);
  }
  const scenario = withConsortiumNodes(parsed.data, input);
  // The checks below trust what a plug-in attack's hooks return.
  const hookIssues = pluginAttackHookIssues(scenario, registries);
  if (hookIssues.length > 0) throw fieldIssuesError(hookIssues, sourceOf);
  const faultIssues = [...checkScenarioConsistency(scenario, input, registries), ...checkScenarioAttacks(scenario, registries), ...checkScenarioFaultModel(scenario, registries)];
  if (faultIssues.length > 0) {
    throw fieldIssuesError(faultIssues, sourceOf);
  }
  return scenario;
}

/** An IoMT scenario that does not write consensus.nodes has one node per consortium seat. */
function withConsortiumNodes(scenario: Scenario, written: Plain): Scenario {
  const consensus = written['consensus'];
  const nodesWritten = consensus !== null && typeof consensus === 'object' && 'nodes' in consensus;
  if (scenario.iomt === undefined || nodesWritten) return scenario;
  return { ...scenario, consensus: { ...scenario.consensus, nodes: consortiumSeats(scenario.iomt) } };
}

/** Apply overrides to a merged input (later overrides win). */
export function applyOverrides(input: Plain, overrides: readonly Override[]): Plain {
  let out = input;
  for (const o of overrides) {
    checkListIndex(out, o);
    out = withOverride(out, o.path, o.value);
  }
  return out;
}

/** An override may replace an item of a list or append one, not leave a gap of missing items. */
function checkListIndex(input: Plain, o: Override): void {
  let node: unknown = input;
  for (let i = 0; i < o.path.length; i++) {
    const segment = o.path[i]!;
    if (Array.isArray(node) && /^\d+$/.test(segment) && Number(segment) > node.length) {
      const list = o.path.slice(0, i).join('.');
      throw inputError(o.source, o.path.slice(0, i + 1).join('.'), `an index of ${list}, which has ${node.length} item${node.length === 1 ? '' : 's'}: 0..${Math.max(0, node.length - 1)} to replace one, ${node.length} to append one`, segment);
    }
    node = node !== null && typeof node === 'object' && Object.hasOwn(node, segment) ? (node as Record<string, unknown>)[segment] : undefined;
  }
}

interface MergedInput {
  readonly input: Plain;
  readonly locate: (path: readonly PropertyKey[]) => string;
  readonly overrides: readonly Override[];
}

function mergeFromTop(top: YamlSource, sets: readonly string[], read: (file: string) => YamlSource): MergedInput {
  const overrides = sets.map(parseSet);
  const layers = collectLayers(top, read);
  let merged: Plain = {};
  for (let i = layers.length - 1; i >= 0; i--) merged = deepMerge(merged, layers[i]!.data);
  delete merged['extends'];
  // A scenario's name is its own: a file that extends another without naming itself is named
  // after its file, so its results do not land in the parent's folder.
  if (top.data['name'] === undefined) merged['name'] = nameFromFile(top.file);
  return { input: applyOverrides(merged, overrides), locate: locator(layers, top.file), overrides };
}

function validated(file: string, merged: MergedInput, sets: readonly string[]): LoadedScenario {
  const scenario = validateScenarioInput(merged.input, merged.locate, merged.overrides);
  // Checked on the file as loaded; a sweep's points, validated again from it, cannot change `expect`.
  const sourceOf = blameFor(merged.locate, merged.overrides);
  const metricIssues = expectedMetricIssues(scenario);
  if (metricIssues.length > 0) throw fieldIssuesError(metricIssues, sourceOf);
  return { file, scenario, input: merged.input, overrides: [...sets], locate: sourceOf };
}

function loadFromTop(top: YamlSource, sets: readonly string[], read: (file: string) => YamlSource): LoadedScenario {
  return validated(top.file, mergeFromTop(top, sets, read), sets);
}

/** Load, merge, override and validate a scenario file; throws InputError. */
export function loadScenario(file: string, sets: readonly string[] = []): LoadedScenario {
  return loadFromTop(readYamlSource(file), sets, readYamlSource);
}

/** The same from text already in memory (tests, stdin); `extends:` still reads from disk. */
export function loadScenarioText(file: string, text: string, sets: readonly string[] = []): LoadedScenario {
  return loadFromTop(parseYamlSource(file, text), sets, readYamlSource);
}

/**
 * Load a scenario that may name plug-in modules (docs/plugins.md): each is imported, checked
 * against its contract and recorded with its hash in the input's `plugins:` before validation.
 */
export async function loadScenarioAsync(file: string, sets: readonly string[] = []): Promise<LoadedScenario> {
  return validated(file, await mergeWithPlugins(file, sets), sets);
}

/** The file merged with what it extends and `sets`, its plug-in modules loaded and recorded. */
async function mergeWithPlugins(file: string, sets: readonly string[]): Promise<MergedInput> {
  const merged = mergeFromTop(readYamlSource(file), sets, readYamlSource);
  const sourceOf = blameFor(merged.locate, merged.overrides);
  // `plugins:` as written (or set) is checked before anything reads it.
  recordedPlugins(merged.input, sourceOf);
  const input = await resolvePlugins(merged.input, merged.locate, sourceOf);
  await ensureRecordedPlugins(input, sourceOf);
  return { ...merged, input };
}

/**
 * Load a scenario that a grid varies (a sweep's --vary, a size search's range). The file and
 * `sets` may be refused only in a value every point replaces (`--vary warmup=1s,3s` with
 * `--set duration=10s` over a file whose warm-up is 10 s): the grid's points are then validated
 * each on its own, `points(input, locate)` naming the point a problem is in, and the scenario is
 * its first point's.
 */
export async function loadScenarioForGridAsync(
  file: string,
  sets: readonly string[],
  points: (input: Record<string, unknown>, locate: (path: readonly PropertyKey[]) => string) => readonly { readonly scenario: Scenario }[],
): Promise<LoadedScenario> {
  const merged = await mergeWithPlugins(file, sets);
  try {
    return validated(file, merged, sets);
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    const sourceOf = blameFor(merged.locate, merged.overrides);
    const first = points(merged.input, sourceOf)[0];
    if (first === undefined) throw err;
    const metricIssues = expectedMetricIssues(first.scenario);
    if (metricIssues.length > 0) throw fieldIssuesError(metricIssues, sourceOf);
    return { file, scenario: first.scenario, input: merged.input, overrides: [...sets], locate: sourceOf };
  }
}
