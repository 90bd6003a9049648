/**
 * A derived case as a scenario: the YAML file a failure leaves behind, and the validated scenario
 * the fuzzer runs, produced by the loader's own steps (plug-ins resolved and recorded, schema,
 * attack and fault-model checks), so `iomtsim run` on the file builds the same scenario.
 */
import { dirname, relative, sep } from 'node:path';
import { Document, isScalar, isSeq, visit } from 'yaml';
import { ensurePlugins } from '../plugins/cache.ts';
import type { PluginRef } from '../plugins/module-file.ts';
import { resolvePlugins } from '../plugins/resolve.ts';
import { validateScenarioInput, type Scenario } from '../scenario/index.ts';
import type { FuzzCase } from './derive.ts';

type Plain = Record<string, unknown>;

/** `input` with every `module:` path written relative to `file`'s folder, as a scenario file should. */
function withRelativeModules(value: unknown, folder: string): unknown {
  if (Array.isArray(value)) return value.map((v) => withRelativeModules(v, folder));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value as Plain).map(([k, v]) => {
      if (k !== 'module' || typeof v !== 'string') return [k, withRelativeModules(v, folder)];
      const rel = relative(folder, v).split(sep).join('/');
      return [k, rel.startsWith('.') ? rel : `./${rel}`];
    }),
  );
}

/** The scenario file for `c` at `file`, headed by the command that replays it. */
export function scenarioYaml(c: FuzzCase, file: string): string {
  const header = `# Derived by iomtsim fuzz from seed ${c.seed}. Replay: iomtsim run ${file}\n`;
  const doc = new Document(withRelativeModules(c.input, dirname(file)));
  // Lists of numbers or names on one line ([0, 2, 5]), as the bundled scenarios write them.
  visit(doc, { Seq: (_key, node) => { if (node.items.every((item) => isScalar(item) || (isSeq(item) && item.items.every(isScalar)))) node.flow = true; } });
  return header + doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}

/** The validated scenario of `c`; `source` names it in any error message. */
export async function scenarioOf(c: FuzzCase, source: string): Promise<Scenario> {
  const locate = (): string => source;
  const input = await resolvePlugins(c.input, locate);
  await ensurePlugins(input['plugins'] as readonly PluginRef[] | undefined);
  return validateScenarioInput(input, locate, []);
}
