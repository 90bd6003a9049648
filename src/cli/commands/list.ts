/**
 * `iomtsim list`: what a scenario can name. Scenarios are read from scenarios/; protocols, attacks,
 * device kinds, detectors and metrics come from their registries, imported when asked for, and are
 * described from their definition objects (parameters from their schemas).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import { EXIT } from '../errors.ts';
import { InputError, inputError } from '../../scenario/errors.ts';
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

/**
 * Each scenario with the first line of its description, its YAML read as the loader reads it: a
 * file whose YAML the loader refuses is marked, with the reason where the YAML itself is valid (an
 * empty document, a list); its fields are not checked here. The YAML parser is loaded only here:
 * the other lists start without it.
 */
async function listScenarios(): Promise<string[]> {
  const { parseYamlSource, VALID_YAML } = await import('../../scenario/yaml-source.ts');
  return scenarioFiles(scenariosFolder()).map((file) => {
    let description = '';
    try {
      const { data } = parseYamlSource(file, readFileSync(file, 'utf8'));
      if (typeof data.description === 'string') description = data.description.split('\n')[0]!;
    } catch (error) {
      const issue = error instanceof InputError ? error.issues[0] : undefined;
      description = issue === undefined ? `(not readable: ${error instanceof Error ? error.message : String(error)})` : issue.expected === VALID_YAML ? '(not valid YAML)' : `(refused: ${issue.found})`;
    }
    return `${displayScenarioPath(file)}${description ? `  ${description}` : ''}`;
  });
}

/** Each attack with its title, what it acts on and how, its outcome metrics, then its parameters (window fields first), from its definition. */
async function listAttacks(): Promise<string[]> {
  const { ATTACKS } = await import('../../attacks/registry.ts');
  return ATTACKS.map((a) => [
    `${a.type}  ${a.title}`,
    `    acts on ${a.targets}: ${a.model}`,
    ...(a.outcomes.length > 0 ? [`    outcomes: ${a.outcomes.join(', ')}`] : []),
    ...a.parameters.map((p) => `    ${p.name} (${p.type}, default ${p.default}): ${p.meaning}`),
  ].join('\n'));
}

/** Each metric of the catalog with its unit and meaning. */
async function listMetrics(): Promise<string[]> {
  const { METRIC_DOCS } = await import('../../metrics/catalog.ts');
  return METRIC_DOCS.map((m) => `${m.name} [${m.unit}]  ${m.meaning}`);
}

/** One indented line per parameter of a definition's schema: name, type, default, meaning. */
async function parameterLines(prefix: string, schema: z.ZodType, defaults: unknown): Promise<string> {
  const { schemaFieldDocs } = await import('../../scenario/schema-field-docs.ts');
  const lines = schemaFieldDocs(schema, defaults).map((f) => `\n    ${prefix}.${f.path} (${f.type}${f.defaultText === '' ? '' : `, default ${f.defaultText}`}): ${f.meaning}`);
  return lines.join('');
}

/** Each protocol with its fault model and paper, the message kinds attacks may name, then its parameters (from its schema). */
async function listProtocols(): Promise<string[]> {
  const { PROTOCOLS } = await import('../../protocols/index.ts');
  return Promise.all(PROTOCOLS.map(async (p) =>
    `${p.name}  ${p.title} (${p.faultModel.kind} faults: ${p.faultModel.rule}); ${p.reference}\n    message kinds: ${p.messageKinds.join(', ')}${await parameterLines(p.name, p.paramsSchema, p.defaults)}`));
}

/** Each device kind with what it measures, its default profile and how many sit on a bed. */
async function listDevices(): Promise<string[]> {
  const [{ DEVICE_KIND_DEFINITIONS }, { formatDefault }] = await Promise.all([import('../../iomt/device-kinds/index.ts'), import('../../scenario/schema-field-docs.ts')]);
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

const LISTS: Record<Topic, () => Promise<string[]>> = {
  scenarios: listScenarios,
  protocols: listProtocols,
  attacks: listAttacks,
  devices: listDevices,
  detectors: listDetectors,
  metrics: listMetrics,
};

export async function listCommand(args: { topic?: string; markdown?: boolean }): Promise<number> {
  const topic = (args.topic ?? 'scenarios') as Topic;
  // Checked here, not by yargs' `choices`, so the message reads as every other input error does.
  if (!LIST_TOPICS.includes(topic)) throw inputError(`iomtsim list ${args.topic}`, 'topic', `one of ${LIST_TOPICS.join(', ')}`, `'${args.topic}'`);
  if (args.markdown === true && topic !== 'metrics') throw inputError(`iomtsim list ${topic} --markdown`, '--markdown', 'the topic metrics with --markdown (the one list with a Markdown form, docs/metrics.md)', `'${topic}'`);
  if (topic === 'metrics' && args.markdown === true) {
    const [{ METRIC_DOCS }, { metricsMarkdown }] = await Promise.all([import('../../metrics/catalog.ts'), import('../../metrics/catalog-markdown.ts')]);
    process.stdout.write(metricsMarkdown(METRIC_DOCS));
    return EXIT.ok;
  }
  const lines = await LISTS[topic]();
  process.stdout.write(lines.length > 0 ? `${lines.join('\n')}\n` : `(no ${topic})\n`);
  return EXIT.ok;
}
