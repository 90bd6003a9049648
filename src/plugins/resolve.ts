/**
 * Plug-in modules named in a scenario input: `consensus: { protocol: { module: ./p.ts } }`,
 * `attacks: [{ module: ./a.ts, ...params }]` and `iomt: { detectors: [{ module: ./d.ts, ... }] }`.
 * Each module is resolved relative to the scenario
 * file that names it, imported, checked against its contract, and recorded with its content hash
 * in the input's `plugins:` list; the reference is replaced by the definition's name (the
 * protocol's `name`, the attack's or detector's `type`), so the rest of loading treats it like an in-tree one.
 * Every problem is an InputError naming the file, the field, what was expected and what was found.
 */
import { describeFound, inputError } from '../scenario/errors.ts';
import { PROTOCOLS } from '../protocols/index.ts';
import { ATTACK_REGISTRY } from '../attacks/registry.ts';
import { DETECTOR_KINDS } from '../iomt/detector-kinds/index.ts';
import { detectorMetricPrefix, detectorName, FEATURE_INDEX } from '../iomt/detector-bank.ts';
import { ACCESS_DETECTORS } from '../attacks/iomt/access-monitor.ts';
import { loadPluginModule } from './cache.ts';
import { aPluginKind, fileOfSource, LOADS_AS_ES_MODULE, resolveModulePath, type PluginKind, type PluginRef } from './module-file.ts';

type Plain = Record<string, unknown>;

function isPlain(v: unknown): v is Plain {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

const CONTRACT: Record<PluginKind, string> = {
  protocol: 'a module whose default export is a protocol definition (defineProtocol from src/plugin-api.ts: name, title, reference, paramsSchema, faultModel, messageKinds, createReplica)',
  attack: 'a module whose default export is an attack definition (defineAttack from src/plugin-api.ts: type, title, category, targets, model, paramsSchema, outcomes and one action)',
  detector: 'a module whose default export is a detector definition (defineDetector from src/plugin-api.ts: type, title, reference, paramsSchema, create)',
};

function definitionName(kind: PluginKind, definition: unknown): string {
  const d = definition as { name?: string; type?: string };
  return (kind === 'protocol' ? d.name : d.type)!;
}

function inTreeNames(kind: PluginKind): readonly string[] {
  switch (kind) {
    case 'protocol': return PROTOCOLS.map((p) => p.name);
    case 'attack': return ATTACK_REGISTRY.map((a) => a.type);
    case 'detector': return DETECTOR_KINDS.map((d) => d.type);
  }
}

/**
 * The metric prefix of the insider attack's access monitor that a plug-in detector type would also
 * write, with that detector ('ewma-access' on rate is `detect.ewma_access_rate`, the monitor's
 * EWMA): only one value of each would survive. An in-tree kind's prefixes need no such check: a
 * type is words joined by single '-' (its contract), so two types write the same prefix only when
 * they are the same type, which the name check refuses.
 */
function prefixClash(type: string): string | undefined {
  for (const feature of Object.keys(FEATURE_INDEX)) {
    const prefix = detectorMetricPrefix(detectorName({ type, feature }));
    const writer = ACCESS_DETECTORS.find((name) => detectorMetricPrefix(name) === prefix);
    if (writer !== undefined) return `on ${feature} writes ${prefix}.*, as the insider attack's access monitor (${writer}) does`;
  }
  return undefined;
}

/** True when the list has entries that name a module instead of a type. */
function hasModuleEntries(list: unknown): list is unknown[] {
  return Array.isArray(list) && list.some((a) => isPlain(a) && 'module' in a);
}

/** True when the input names a plug-in module anywhere. */
export function namesPlugins(input: Plain): boolean {
  const consensus = input['consensus'];
  if (isPlain(consensus) && isPlain(consensus['protocol'])) return true;
  const iomt = input['iomt'];
  return hasModuleEntries(input['attacks']) || (isPlain(iomt) && hasModuleEntries(iomt['detectors']));
}

/** Loads the plug-ins `input` names and returns the input with them resolved and recorded. */
export async function resolvePlugins(input: Plain, locate: (path: readonly PropertyKey[]) => string, blame: (path: readonly PropertyKey[]) => string = locate): Promise<Plain> {
  const refs: PluginRef[] = [];
  const load = async (kind: PluginKind, written: unknown, path: readonly PropertyKey[]): Promise<string> => {
    // A module path is relative to the scenario file even where --set gave it, and a problem
    // with it is blamed where it was written (`blame`: the flag, for a --set).
    const source = blame(path);
    const where = path.map(String).join('.');
    if (typeof written !== 'string' || written.trim() === '') throw inputError(source, where, 'a path to a module file, relative to the scenario file', describeFound(written));
    const module = resolveModulePath(written, fileOfSource(locate(path)));
    const result = await loadPluginModule(kind, module);
    if (result.state === 'not-a-file') throw inputError(source, where, `${result.expected}, relative to the scenario file`, `'${written}' (${result.found}: ${module})`);
    if (result.state === 'failed') throw inputError(source, where, LOADS_AS_ES_MODULE, `'${written}', which fails to load: ${result.error}`);
    if (result.state === 'broken') throw inputError(source, where, CONTRACT[kind], `${module}, whose default export lacks: ${result.problems.join('; ')}`);
    const name = definitionName(kind, result.definition);
    if (inTreeNames(kind).includes(name)) throw inputError(source, where, `${aPluginKind(kind)} whose name differs from the in-tree ones (${inTreeNames(kind).join(', ')})`, `'${name}' from ${module}`);
    const prefix = kind === 'detector' ? prefixClash(name) : undefined;
    if (prefix !== undefined) throw inputError(source, where, "a detector type whose metric names (detect.<type>_<feature>, '-' written '_') differ from the in-tree detectors'", `'${name}' from ${module}, which ${prefix}`);
    const clash = refs.find((r) => r.kind === kind && r.name === name && r.module !== module);
    if (clash !== undefined) throw inputError(source, where, `one module per ${kind} name`, `'${name}' from both ${clash.module} and ${module}`);
    if (!refs.some((r) => r.module === module)) refs.push({ kind, name, module, sha256: result.sha256 });
    return name;
  };

  let out: Plain = input;
  const consensus = input['consensus'];
  if (isPlain(consensus) && isPlain(consensus['protocol'])) {
    const ref = consensus['protocol'];
    const extra = Object.keys(ref).filter((k) => k !== 'module');
    if (extra.length > 0) throw inputError(blame(['consensus', 'protocol', extra[0]!]), `consensus.protocol.${extra[0]}`, "only 'module' (the protocol's parameters go under consensus.<its name>)", `'${extra[0]}'`);
    const name = await load('protocol', ref['module'], ['consensus', 'protocol', 'module']);
    out = { ...out, consensus: { ...consensus, protocol: name } };
  }
  /** A list whose `module` entries become `type` entries of the module's definition. */
  const resolveList = async (kind: PluginKind, list: unknown[], at: readonly PropertyKey[]): Promise<unknown[]> => {
    const resolved: unknown[] = [];
    for (let i = 0; i < list.length; i++) {
      const entry = list[i];
      if (!isPlain(entry) || !('module' in entry)) {
        resolved.push(entry);
        continue;
      }
      const { module, type, ...params } = entry;
      const name = await load(kind, module, [...at, i, 'module']);
      if (type !== undefined && type !== name) throw inputError(blame([...at, i, 'type']), [...at, i, 'type'].join('.'), `no type, or the module's own ('${name}')`, describeFound(type));
      resolved.push({ type: name, ...params });
    }
    return resolved;
  };
  const attacks = input['attacks'];
  if (hasModuleEntries(attacks)) out = { ...out, attacks: await resolveList('attack', attacks, ['attacks']) };
  const iomt = input['iomt'];
  if (isPlain(iomt) && hasModuleEntries(iomt['detectors'])) {
    out = { ...out, iomt: { ...iomt, detectors: await resolveList('detector', iomt['detectors'], ['iomt', 'detectors']) } };
  }
  if (refs.length === 0) return out;
  const earlier = Array.isArray(input['plugins']) ? (input['plugins'] as PluginRef[]) : [];
  return { ...out, plugins: [...earlier.filter((e) => !refs.some((r) => r.module === e.module)), ...refs] };
}
