/**
 * The scenario's `plugins:` list (src/scenario/sections/plugins.ts), checked before any entry is
 * used: the registries, the schema and the workers all read it, so a list of the wrong shape
 * (`plugins: 5`, `--set plugins=[hello]`) must be an input error naming the field, not a crash
 * inside the code that trusts it. A well-formed entry whose module is gone or changed is an input
 * error at that entry's field too.
 */
import { InputError, dottedPath, type InputIssue } from '../scenario/errors.ts';
import { zPlugins } from '../scenario/sections/plugins.ts';
import { keysAt } from '../scenario/schema-paths.ts';
import { translateIssues } from '../scenario/zod-issues.ts';
import { isPluginLoaded, loadRecordedPlugin } from './cache.ts';
import type { PluginRef } from './module-file.ts';

type Plain = Record<string, unknown>;
type SourceOf = (path: readonly PropertyKey[]) => string;

function issue(sourceOf: SourceOf, path: readonly PropertyKey[], expected: string, found: string): InputIssue {
  return { source: sourceOf(path), path: dottedPath(path), expected, found };
}

/** The recorded plug-ins of `input`, checked for shape; throws InputError naming each bad entry. */
export function recordedPlugins(input: Plain, sourceOf: SourceOf): readonly PluginRef[] | undefined {
  if (!Object.hasOwn(input, 'plugins') || input['plugins'] === undefined) return undefined;
  const parsed = zPlugins.safeParse(input['plugins']);
  if (!parsed.success) {
    const issues = translateIssues(parsed.error.issues, input, (path) => keysAt(zPlugins, path.slice(1)), ['plugins']);
    throw new InputError(issues.map((i) => issue(sourceOf, i.path, i.expected, i.found)));
  }
  const refs = parsed.data;
  const seen = new Map<string, number>();
  refs.forEach((ref, i) => {
    const first = seen.get(ref.module);
    if (first !== undefined) throw new InputError([issue(sourceOf, ['plugins', i, 'module'], `each module recorded once (it is plugins.${first}.module)`, `'${ref.module}' again`)]);
    seen.set(ref.module, i);
  });
  return refs;
}

/** As recordedPlugins, and each must be loaded in this thread already (loadScenarioAsync loads them). */
export function loadedRecordedPlugins(input: Plain, sourceOf: SourceOf): readonly PluginRef[] | undefined {
  const refs = recordedPlugins(input, sourceOf);
  refs?.forEach((ref, i) => {
    if (!isPluginLoaded(ref)) {
      throw new InputError([issue(sourceOf, ['plugins', i], 'plug-in modules loaded before validation (loadScenarioAsync, which the CLI uses)', `'${ref.module}', not loaded`)]);
    }
  });
  return refs;
}

/** Checks the recorded plug-ins of `input` and loads each into this thread; throws InputError. */
export async function ensureRecordedPlugins(input: Plain, sourceOf: SourceOf): Promise<void> {
  const refs = recordedPlugins(input, sourceOf) ?? [];
  for (let i = 0; i < refs.length; i++) {
    const problem = await loadRecordedPlugin(refs[i]!);
    if (problem !== undefined) throw new InputError([issue(sourceOf, ['plugins', i, problem.field], problem.expected, problem.found)]);
  }
}
