import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../scenario/errors.ts';
import { loadScenario, loadScenarioAsync } from '../scenario/load.ts';
import { ensurePlugins } from './cache.ts';

const EXAMPLE = 'examples/plugins/scenario.yaml';
const SHORT = ['duration=6s', 'warmup=1s', 'replications=2'];

/** A folder with a copy of the example plug-ins, `broken.ts` when given, and the example scenario edited by `edit`. */
function workspace(brokenSource?: string, edit: (scenario: string) => string = (t) => t): string {
  const dir = mkdtempSync(join(tmpdir(), 'iomtsim-plugin-'));
  for (const f of ['sequencer.ts', 'sequencer-replica.ts', 'noisy-neighbour.ts', 'shewhart.ts']) {
    const text = readFileSync(join('examples/plugins', f), 'utf8').replaceAll("'../../src/", `'${join(process.cwd(), 'src')}/`);
    writeFileSync(join(dir, f), text);
  }
  if (brokenSource !== undefined) writeFileSync(join(dir, 'broken.ts'), brokenSource);
  writeFileSync(join(dir, 'scenario.yaml'), edit(readFileSync(EXAMPLE, 'utf8')));
  return dir;
}

async function inputIssue(promise: Promise<unknown>): Promise<string> {
  const err = await promise.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(InputError);
  return (err as InputError).message;
}

describe('plug-in modules named in a scenario', () => {
  it('loads the example protocol and attack, records their hashes and resolves their names', async () => {
    const loaded = await loadScenarioAsync(EXAMPLE, SHORT);
    expect(loaded.scenario.consensus.protocol).toBe('sequencer');
    expect(loaded.scenario.attacks.map((a) => a.type)).toEqual(['noisy-neighbour']);
    expect(loaded.scenario.plugins?.map((p) => [p.kind, p.name])).toEqual([['protocol', 'sequencer'], ['attack', 'noisy-neighbour']]);
    expect(loaded.scenario.plugins?.every((p) => /^[0-9a-f]{64}$/.test(p.sha256))).toBe(true);
    expect((loaded.scenario.consensus as unknown as Record<string, unknown>)['sequencer']).toEqual({ resendInterval: 200_000 });
  });

  it('validates the plug-in protocol\'s parameters with its own schema', async () => {
    const message = await inputIssue(loadScenarioAsync(EXAMPLE, ['consensus.sequencer.resendInterval=often']));
    expect(message).toMatch(/consensus\.sequencer\.resendInterval: expected .*duration/);
  });

  it('names the missing export of a malformed protocol module', async () => {
    const dir = workspace("export default { name: 'broken', title: 'x', reference: 'y' };\n", (t) => t.replace('./sequencer.ts', './broken.ts'));
    const message = await inputIssue(loadScenarioAsync(join(dir, 'scenario.yaml'), SHORT));
    expect(message).toContain('consensus.protocol.module: expected a module whose default export is a protocol definition');
    expect(message).toContain('createReplica');
    expect(message).toContain('paramsSchema');
  });

  it('names the missing action of a malformed attack module', async () => {
    const dir = workspace("export default { type: 'nothing', title: 't', category: 'network', targets: 'x', model: 'y', paramsSchema: { shape: {} }, outcomes: [] };\n", (t) => t.replace('./noisy-neighbour.ts', './broken.ts'));
    const message = await inputIssue(loadScenarioAsync(join(dir, 'scenario.yaml'), SHORT));
    expect(message).toContain('attacks.0.module: expected a module whose default export is an attack definition');
    expect(message).toMatch(/exactly one of 'byzantineBehaviour', 'install'/);
  });

  it('refuses a module file that does not exist, naming the path it looked for', async () => {
    const dir = workspace(undefined, (t) => t.replace('./sequencer.ts', './nowhere.ts'));
    const message = await inputIssue(loadScenarioAsync(join(dir, 'scenario.yaml'), SHORT));
    expect(message).toContain(`no such file: ${join(dir, 'nowhere.ts')}`);
  });

  it('refuses a module path that names a directory: a file expected, a directory found', async () => {
    const dir = workspace(undefined, (t) => t.replace('./sequencer.ts', './folder'));
    mkdirSync(join(dir, 'folder'));
    const message = await inputIssue(loadScenarioAsync(join(dir, 'scenario.yaml'), SHORT));
    expect(message).toContain(`consensus.protocol.module: expected a file, relative to the scenario file, found './folder' (a directory: ${join(dir, 'folder')})`);
  });

  it('refuses a plug-in that takes an in-tree name', async () => {
    const dir = workspace();
    writeFileSync(join(dir, 'sequencer.ts'), readFileSync(join(dir, 'sequencer.ts'), 'utf8').replace("name: 'sequencer'", "name: 'pbft'"));
    const message = await inputIssue(loadScenarioAsync(join(dir, 'scenario.yaml'), SHORT));
    expect(message).toContain("found 'pbft' from");
  });

  it('refuses to run a plug-in whose files changed since the scenario recorded their hash', async () => {
    const dir = workspace();
    const loaded = await loadScenarioAsync(join(dir, 'scenario.yaml'), SHORT);
    writeFileSync(join(dir, 'sequencer-replica.ts'), `${readFileSync(join(dir, 'sequencer-replica.ts'), 'utf8')}\n// edited\n`);
    const changed = loaded.scenario.plugins!.map((p) => ({ ...p, sha256: p.sha256.replace(/^./, (c) => (c === '0' ? '1' : '0')) }));
    await expect(ensurePlugins(changed)).rejects.toThrow(/changed since the scenario was loaded/);
  });

  it('names what a malformed detector module lacks', async () => {
    const dir = workspace("export default { type: 'bad', title: 't', reference: 'r' };\n");
    writeFileSync(join(dir, 'd.yaml'), `extends: ${relative(dir, join(process.cwd(), 'scenarios/attacks/flood.yaml'))}\niomt:\n  detectors:\n    - { module: ./broken.ts, scope: device, feature: value }\n`);
    const message = await inputIssue(loadScenarioAsync(join(dir, 'd.yaml'), ['duration=10s']));
    expect(message).toContain('iomt.detectors.0.module: expected a module whose default export is a detector definition');
    expect(message).toContain('create: expected a function');
  });

  it("refuses a plug-in attack whose hook throws or returns the wrong type, naming its entry and file, before the checks that trust it", async () => {
    const attack = (hooks: string): string => `import { defineAttack, z } from '${join(process.cwd(), 'src/plugin-api.ts')}';
export default defineAttack({ type: 'odd', title: 't', category: 'engine', targets: 'replicas', model: 'm', paramsSchema: z.object({ replicas: z.array(z.number()), load: z.number() }), outcomes: [], install: () => {}, ${hooks} });
`;
    const cases: [string, RegExp][] = [
      ["checkTargets: () => { throw new Error('boom'); }", /attacks\.0\.module: expected an attack whose checkTargets finishes \(the plug-in .*broken\.ts\), found 'odd', whose checkTargets threw an error: boom/],
      ['faultyReplicas: (() => 7) as never', /attacks\.0\.module: expected an attack whose faultyReplicas returns a list of replica indices .*\(the plug-in .*broken\.ts\), found 7 returned by faultyReplicas of 'odd'/],
      ["faultyReplicas: () => { throw new Error('no list'); }", /found an error: no list, thrown by faultyReplicas of 'odd'/],
      ['connectedSides: (() => [[0, -1]]) as never', /whose connectedSides returns a list of sides, .*found a list of 1 item returned by connectedSides of 'odd'/],
      ["splitsOverThreads: (() => 'yes') as never", /whose splitsOverThreads returns true or false .*found 'yes' returned by splitsOverThreads of 'odd'/],
    ];
    for (const [hooks, expected] of cases) {
      const dir = workspace(attack(hooks), (t) => t.replace('./noisy-neighbour.ts', './broken.ts'));
      expect(await inputIssue(loadScenarioAsync(join(dir, 'scenario.yaml'), SHORT)), hooks).toMatch(expected);
    }
  });

  it("refuses a plug-in device attack whose checkWorldTargets throws, naming its entry and file", async () => {
    const dir = workspace(`import { defineAttack, z } from '${join(process.cwd(), 'src/plugin-api.ts')}';
export default defineAttack({ type: 'odd-device', title: 't', category: 'device', targets: 'devices', model: 'm', paramsSchema: z.object({}), outcomes: [],
  device: { checkWorldTargets: () => { throw new Error('boom'); }, plan: () => ({ installEach: () => {}, outcomes: () => ({}) }) } as never });
`);
    writeFileSync(join(dir, 'd.yaml'), `extends: ${relative(dir, join(process.cwd(), 'scenarios/attacks/flood.yaml'))}\nattacks:\n  - { module: ./broken.ts }\n`);
    expect(await inputIssue(loadScenarioAsync(join(dir, 'd.yaml'), ['duration=10s']))).toMatch(/attacks\.0\.module: expected an attack whose checkWorldTargets finishes \(the plug-in .*broken\.ts\), found 'odd-device', whose checkWorldTargets threw an error: boom/);
  });

  it('refuses a plug-in protocol whose fault model throws, naming the function and n', async () => {
    const dir = workspace(`import sequencer from './sequencer.ts';
export default { ...sequencer, faultModel: { ...sequencer.faultModel, maxFaulty: () => { throw new Error('boom'); } } };
`, (t) => t.replace("module: ./sequencer.ts", 'module: ./broken.ts'));
    const message = await inputIssue(loadScenarioAsync(join(dir, 'scenario.yaml'), SHORT));
    expect(message).toContain('whose default export lacks: faultModel.maxFaulty(1): expected a number, found an error: boom');
  });

  it("refuses a plug-in detector whose metric names, snake-cased, are an in-tree detector's or the access monitor's, naming both", async () => {
    const dir = workspace();
    const shewhart = readFileSync(join(dir, 'shewhart.ts'), 'utf8');
    const cases: [string, string][] = [
      ['ewma-access', "'ewma-access' from " + join(dir, 'ewma-access.ts') + ", which on rate writes detect.ewma_access_rate.*, as the insider attack's access monitor (ewma:access_rate) does"],
      ['cusum-access', "which on rate writes detect.cusum_access_rate.*, as the insider attack's access monitor (cusum:access_rate) does"],
    ];
    for (const [type, found] of cases) {
      writeFileSync(join(dir, `${type}.ts`), shewhart.replace("type: 'shewhart'", `type: '${type}'`));
      writeFileSync(join(dir, 'd.yaml'), `extends: ${relative(dir, join(process.cwd(), 'scenarios/attacks/flood.yaml'))}\niomt:\n  detectors:\n    - { module: ./${type}.ts, scope: device, feature: value }\n`);
      const message = await inputIssue(loadScenarioAsync(join(dir, 'd.yaml'), ['duration=10s']));
      expect(message).toContain("iomt.detectors.0.module: expected a detector type whose metric names (detect.<type>_<feature>, '-' written '_') differ from the in-tree detectors'");
      expect(message).toContain(found);
    }
  });

  it('tells a synchronous load of a scenario with module references to load plug-ins first', () => {
    expect(() => loadScenario(EXAMPLE, SHORT)).toThrow(/plug-in modules loaded before validation/);
  });
});
