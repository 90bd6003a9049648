/**
 * `iomtsim list`: what a scenario can name. Scenarios are read from scenarios/; protocols, attacks,
 * device kinds, detectors and metrics come from their registries, loaded on demand. Protocols,
 * device kinds and detectors are described from their definition objects (parameters from their
 * schemas).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { importOptional } from '../delegates.ts';
import { EXIT, notAvailable } from '../errors.ts';
import { displayScenarioPath, scenariosFolder } from '../scenario-path.ts';

export const LIST_TOPICS = ['scenarios', 'protocols', 'attacks', 'devices', 'detectors', 'metrics'] as const;
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
    return `${displayScenarioPath(file)}${description ? `  ${description}` : ''}`;
  });
}

/** Render registry entries of unknown exact shape: a name and the fields that explain it. */
function describeEntry(entry: unknown, key?: string): string {
  const e = (entry ?? {}) as Record<string, unknown>;
  const name = String(e['name'] ?? e['type'] ?? e['id'] ?? key ?? '?');
  const unit = typeof e['unit'] === 'string' ? ` [${e['unit']}]` : '';
  const text = e['title'] ?? e['meaning'] ?? e['description'] ?? '';
  const reference = typeof e['reference'] === 'string' ? `; ${e['reference']}` : '';
  // Registries that document their parameters (attacks) list them, one per line.
  const params = Array.isArray(e['parameters']) ? (e['parameters'] as Record<string, unknown>[]) : [];
  const lines = params.map((p) => `\n    ${String(p['name'])} (${String(p['type'])}, default ${String(p['default'])}): ${String(p['meaning'])}`);
  return `${name}${unit}${text ? `  ${String(text)}` : ''}${reference}${lines.join('')}`;
}

function entriesOf(registry: unknown): string[] {
  if (Array.isArray(registry)) return registry.map((e) => describeEntry(e));
  if (registry && typeof registry === 'object') return Object.entries(registry).map(([k, v]) => describeEntry(v, k));
  return [];
}

/** One indented line per parameter of a definition's schema: name, type, default, meaning. */
async function parameterLines(prefix: string, schema: z.ZodType, defaults: unknown): Promise<string> {
  const { schemaFieldDocs } = await import('../../scenario/field-reference.ts');
  const lines = schemaFieldDocs(schema, defaults).map((f) => `\n    ${prefix}.${f.path} (${f.type}${f.defaultText === '' ? '' : `, default ${f.defaultText}`}): ${f.meaning}`);
  return lines.join('');
}

/** Each protocol with its fault model and paper, then its parameters (from its schema). */
async function listProtocols(): Promise<string[]> {
  const { PROTOCOLS } = await import('../../protocols/index.ts');
  return Promise.all(PROTOCOLS.map(async (p) =>
    `${p.name}  ${p.title} (${p.faultModel.kind} faults: ${p.faultModel.rule}); ${p.reference}${await parameterLines(p.name, p.paramsSchema, p.defaults)}`));
}

/** Each device kind with what it measures, its default profile and how many sit on a bed. */
async function listDevices(): Promise<string[]> {
  const [{ DEVICE_KIND_DEFINITIONS }, { formatDefault }] = await Promise.all([import('../../iomt/device-kinds/index.ts'), import('../../scenario/field-reference.ts')]);
  return DEVICE_KIND_DEFINITIONS.map((d) => {
    const p = d.profile;
    const every = p.eventDriven ? `events every ${formatDefault(p.intervalUs, 'duration')} on average` : `every ${formatDefault(p.intervalUs, 'duration')} ± ${formatDefault(p.jitterUs, 'duration')}`;
    const profile = `${p.channel}, ${every}, ${formatDefault(p.payloadBytes, 'size')}, clock ±${p.clockDriftPpm} ppm, lag ${formatDefault(p.processingLagUs, 'duration')}`;
    return `${d.kind}  ${d.title}: ${d.description}\n    profile: ${profile}; ${d.perBed} per bed`;
  });
}

/** Each detector type with its paper, then its own parameters (scope, feature and warmup are common to all). */
async function listDetectors(): Promise<string[]> {
  const { DETECTOR_KINDS } = await import('../../iomt/detector-kinds/index.ts');
  return Promise.all(DETECTOR_KINDS.map(async (d) =>
    `${d.type}  ${d.title} (${d.reference})${await parameterLines(d.type, d.paramsSchema, d.paramsSchema.parse({}))}`));
}

const DEFINITION_LISTS: Record<'protocols' | 'devices' | 'detectors', () => Promise<string[]>> = { protocols: listProtocols, devices: listDevices, detectors: listDetectors };

const REGISTRIES: Record<Exclude<Topic, 'scenarios' | keyof typeof DEFINITION_LISTS>, { module: string; exportName: string }> = {
  attacks: { module: '../attacks/registry.ts', exportName: 'ATTACKS' },
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
    lines = listScenarios(scenariosFolder());
  } else if (topic === 'protocols' || topic === 'devices' || topic === 'detectors') {
    lines = await DEFINITION_LISTS[topic]();
  } else {
    const { module, exportName } = REGISTRIES[topic];
    const mod = await importOptional(module);
    if (!mod || mod[exportName] === undefined) throw notAvailable(`list ${topic}`, `the ${exportName} registry`);
    lines = entriesOf(mod[exportName]);
  }
  process.stdout.write(lines.length > 0 ? `${lines.join('\n')}\n` : `(no ${topic})\n`);
  return EXIT.ok;
}
