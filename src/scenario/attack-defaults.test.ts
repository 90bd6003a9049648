/**
 * The defaults each attack publishes in the scenario's JSON Schema (`iomtsim schema`) are what an
 * editor fills in: an entry holding only what the schema requires, with every published default
 * filled in, must load. A default that makes the entry invalid (drop 0 with delay 0 s) would have
 * the editor write an entry the loader refuses.
 */
import { describe, expect, it } from 'vitest';
import { attackActsIn } from '../attacks/definition.ts';
import { ATTACK_REGISTRY } from '../attacks/registry.ts';
import { InputError, loadScenarioText, scenarioJsonSchema } from './index.ts';
import { variants, type Json } from './schema-field-docs.ts';

/** A value for each field an attack's schema requires (or requires one of), as a scenario writes it. */
const REQUIRED_VALUES: Readonly<Record<string, Json>> = {
  crash: { replicas: [1] },
  partition: { groups: [[0, 1], [2, 3]] },
  eclipse: { victim: 3 },
  'leader-delay': { delay: '50ms' },
  'leader-dos': { load: 0.5 },
  'leader-isolation': {},
  equivocation: { replicas: [0] },
  silence: { replicas: [0] },
  censorship: { replicas: [0], clients: [0] },
  'delay-votes': { replicas: [1], delay: '100ms' },
  'stale-qc': { replicas: [0] },
  sybil: { gateway: 0 },
  tamper: { devices: [0] },
  replay: { devices: [0] },
  flood: { devices: [0], rate: 20 },
  'compromised-gateway': { gateway: 0, drop: 0.5, delay: '2s' },
  'record-tamper': { devices: [0] },
  ransomware: { hospital: 0 },
  'consent-bypass': { hospital: 0 },
  'stolen-key': { device: 0 },
  'consent-misuse': { device: 0, mode: 'expired' },
  insider: { clinicians: [0], rate: 1200 },
  'phi-leak': { gateways: [0] },
  'audit-bypass': { hospital: 0 },
  'selfish-mining': { share: 0.3 },
  'double-spend': { share: 0.3 },
  majority: { share: 0.6 },
};

/** A world each attack acts in: stale-qc attacks HotStuff's certificates, so it needs HotStuff. */
function worldFor(type: string): string {
  const definition = ATTACK_REGISTRY.find((d) => d.type === type)!;
  if (attackActsIn(definition, 'consensus')) return `consensus: { protocol: ${type === 'stale-qc' ? 'hotstuff' : 'pbft'}, nodes: 4 }`;
  if (attackActsIn(definition, 'iomt')) return 'consensus: { protocol: pbft }\nworkload: { rateTps: 0 }\niomt: { wardsPerHospital: 2 }';
  return 'consensus: { protocol: pow, nodes: 4 }';
}

/** What loading `entry` in a world fit for it reports; empty when it loads. */
function issuesOf(entry: Json): string[] {
  try {
    loadScenarioText('s.yaml', `name: s\nduration: 3m\n${worldFor(String(entry['type']))}\nattacks:\n  - ${JSON.stringify(entry)}\n`);
  } catch (e) {
    if (e instanceof InputError) return e.issues.map((i) => `${i.path}: expected ${i.expected}, found ${i.found}`);
    throw e;
  }
  return [];
}

describe("attacks' published defaults", () => {
  const items = (scenarioJsonSchema()['properties'] as Record<string, Json>)['attacks']!['items'] as Json;
  const members = variants(items).map((member) => ({ member, type: String(((member['properties'] as Record<string, Json>)['type'] as Json)['const']) }));

  it('cover every attack of the registry', () => {
    expect(members.map((m) => m.type).sort()).toEqual(ATTACK_REGISTRY.map((d) => d.type).sort());
  });

  it.each(members)('filled into an entry of what $type requires, load', ({ member, type }) => {
    const properties = member['properties'] as Record<string, Json>;
    const required = (member['required'] as string[]).filter((key) => key !== 'type');
    // Where it requires one of a set of fields, an entry with each of them (an editor asks for one).
    const choices = ((member['anyOf'] ?? []) as Json[]).map((alt) => alt['required'] as string[]);
    const values = REQUIRED_VALUES[type] ?? {};
    for (const choice of choices.length === 0 ? [[]] : choices) {
      const needed = [...required, ...choice];
      expect(needed.filter((key) => !(key in values)), `a value for each field ${type} requires, in REQUIRED_VALUES`).toEqual([]);
      const entry: Json = { type, ...Object.fromEntries(needed.map((key) => [key, values[key]])) };
      for (const [key, node] of Object.entries(properties)) if ('default' in node && !(key in entry)) entry[key] = node['default'];
      expect(issuesOf(entry), JSON.stringify(entry)).toEqual([]);
    }
  });
});
