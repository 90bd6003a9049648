/**
 * `iomtsim list`: what a scenario can name. Scenarios are read from scenarios/; protocols, attacks,
 * devices and metrics come from their registries, loaded on demand. Protocols are described from
 * their definitions: fault model, paper, and each parameter from the parameter schema.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { importOptional } from '../delegates.ts';
import { EXIT, notAvailable } from '../errors.ts';

export const LIST_TOPICS = ['scenarios', 'protocols', 'attacks', 'devices', 'metrics'] as const;
type Topic = (typeof LIST_TOPICS)[number];

function scenarioFiles(dir: string): string[] {
  let out: string[] = [];
  let entries: string[];
  try {
    entries = readdirSync(dir).sort();
  } catch {
    return [];
  }
  for (const e of entries) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) out = out.concat(scenarioFiles(p));
    else if (/\.ya?ml$/.test(e)) out.push(p);
  }
  return out;
}

function listScenarios(root: string): string[] {
  return scenarioFiles(root).map((file) => {
    let description = '';
    try {
      const data = parseYaml(readFileSync(file, 'utf8')) as { description?: unknown } | null;
      if (typeof data?.description === 'string') description = data.description.split('\n')[0]!;
    } catch {
      description = '(not valid YAML)';
    }
    return `${relative('.', file)}${description ? `  ${description}` : ''}`;
  });
}

/** Render registry entries of unknown exact shape: a name and the fields that explain it. */
function describeEntry(entry: unknown, key?: string): string {
  const e = (entry ?? {}) as Record<string, unknown>;
  const name = String(e['name'] ?? e['type'] ?? e['id'] ?? key ?? '?');
  const unit = typeof e['unit'] === 'string' ? ` [${e['unit']}]` : '';
  const text = e['title'] ?? e['meaning'] ?? e['description'] ?? '';
  const model = typeof e['faultModel'] === 'string' ? ` (${e['faultModel']} faults)` : '';
  const reference = typeof e['reference'] === 'string' ? `; ${e['reference']}` : '';
  // Registries that document their parameters (attacks) list them, one per line.
  const params = Array.isArray(e['parameters']) ? (e['parameters'] as Record<string, unknown>[]) : [];
  const lines = params.map((p) => `\n    ${String(p['name'])} (${String(p['type'])}, default ${String(p['default'])}): ${String(p['meaning'])}`);
  return `${name}${unit}${text ? `  ${String(text)}` : ''}${model}${reference}${lines.join('')}`;
}

function entriesOf(registry: unknown): string[] {
  if (Array.isArray(registry)) return registry.map((e) => describeEntry(e));
  if (registry && typeof registry === 'object') return Object.entries(registry).map(([k, v]) => describeEntry(v, k));
  return [];
}

/** A protocol, its fault model and paper, then one line per parameter (from its schema). */
async function listProtocols(): Promise<string[]> {
  const [{ PROTOCOLS }, { schemaFieldDocs }] = await Promise.all([import('../../protocols/index.ts'), import('../../scenario/field-reference.ts')]);
  return PROTOCOLS.map((p) => {
    const params = schemaFieldDocs(p.paramsSchema, p.defaults).filter((f) => f.meaning !== '');
    const lines = params.map((f) => `\n    ${p.name}.${f.path} (${f.type}${f.defaultText === '' ? '' : `, default ${f.defaultText}`}): ${f.meaning}`);
    return `${p.name}  ${p.title} (${p.faultModel.kind} faults: ${p.faultModel.rule}); ${p.reference}${lines.join('')}`;
  });
}

const REGISTRIES: Record<Exclude<Topic, 'scenarios' | 'protocols'>, { module: string; exportName: string }> = {
  attacks: { module: '../attacks/registry.ts', exportName: 'ATTACKS' },
  devices: { module: '../iomt/profiles.ts', exportName: 'DEFAULT_PROFILES' },
  metrics: { module: '../metrics/catalog.ts', exportName: 'METRIC_DOCS' },
};

export async function listCommand(args: { topic?: string; markdown?: boolean }): Promise<number> {
  const topic = (args.topic ?? 'scenarios') as Topic;
  let lines: string[];
  if (topic === 'metrics' && args.markdown === true) {
    const [{ METRIC_DOCS }, { metricsMarkdown }] = await Promise.all([import('../../metrics/catalog.ts'), import('../../metrics/catalog-markdown.ts')]);
    process.stdout.write(metricsMarkdown(METRIC_DOCS));
    return EXIT.ok;
  }
  if (topic === 'scenarios') {
    lines = listScenarios('scenarios');
  } else if (topic === 'protocols') {
    lines = await listProtocols();
  } else {
    const { module, exportName } = REGISTRIES[topic];
    const mod = await importOptional(module);
    if (!mod || mod[exportName] === undefined) throw notAvailable(`list ${topic}`, `the ${exportName} registry`);
    lines = entriesOf(mod[exportName]);
  }
  process.stdout.write(lines.length > 0 ? `${lines.join('\n')}\n` : `(no ${topic})\n`);
  return EXIT.ok;
}
