/**
 * Bad input that used to crash, pass silently or be misreported: a `plugins:` list of the wrong
 * shape, keys JavaScript objects carry themselves (`__proto__`, `toString`, `constructor`),
 * unknown keys in a discriminated union, and sizes no world can be built with.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError, loadScenarioAsync, loadScenarioText, parseCondition, parseSet, parseSlo, parseVary, validateScenarioInput } from './index.ts';

const BASE = 'name: base\nduration: 1s\nnetwork:\n  regions: [a, b]\nconsensus:\n  protocol: pbft\n  nodes: 4\n';

/** The issues loading `text` with `sets` raises; fails the test on anything but an InputError. */
function issuesOf(run: () => unknown): { source: string; path: string; expected: string; found: string }[] {
  try {
    run();
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    return [...e.issues];
  }
  return [];
}

async function issuesOfAsync(run: () => Promise<unknown>): Promise<{ source: string; path: string; expected: string; found: string }[]> {
  try {
    await run();
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    return [...e.issues];
  }
  return [];
}

function scenarioFile(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'iomtsim-hardening-')), 'base.yaml');
  writeFileSync(file, text);
  return file;
}

describe('plugins: is checked before it is used', () => {
  it('refuses a plugins value that is not a list of recorded modules, in a file, a --set and a sweep point', async () => {
    expect(await issuesOfAsync(() => loadScenarioAsync(scenarioFile(BASE), ['plugins=5']))).toEqual([expect.objectContaining({ source: '--set plugins=5', path: 'plugins', expected: 'a list', found: '5' })]);
    expect(await issuesOfAsync(() => loadScenarioAsync(scenarioFile(`${BASE}plugins: [hello]\n`)))).toEqual([expect.objectContaining({ source: expect.stringMatching(/base\.yaml:8:\d+$/), path: 'plugins.0', expected: 'a mapping', found: "'hello'" })]);
    const point = [{ source: '--vary plugins=1', path: ['plugins'], value: 1 }];
    expect(issuesOf(() => validateScenarioInput({ name: 'x', duration: '1s', plugins: 1 }, () => 'base.yaml', point))).toEqual([expect.objectContaining({ source: '--vary plugins=1', path: 'plugins', found: '1' })]);
    expect(issuesOf(() => loadScenarioText('base.yaml', `${BASE}plugins: {a: 1}\n`))).toEqual([expect.objectContaining({ path: 'plugins', expected: 'a list' })]);
  });

  it('refuses a well-formed entry whose module is not there as an input error at its module field', async () => {
    const ref = `{kind: attack, name: gone, module: /nonexistent/gone.mts, sha256: ${'a'.repeat(64)}}`;
    const issues = await issuesOfAsync(() => loadScenarioAsync(scenarioFile(BASE), [`plugins=[${ref}]`]));
    expect(issues).toEqual([expect.objectContaining({ path: 'plugins.0.module', found: expect.stringContaining('/nonexistent/gone.mts') })]);
  });
});

describe('a plug-in module given with --set', () => {
  it('is blamed on the flag, and looked for beside the scenario file', async () => {
    const file = scenarioFile(BASE);
    for (const set of ['consensus.protocol={module: ./nosuch.mjs}', 'attacks=[{module: ./nosuch.mjs}]']) {
      const issues = await issuesOfAsync(() => loadScenarioAsync(file, [set]));
      expect(issues).toEqual([expect.objectContaining({ source: `--set ${set}`, found: expect.stringContaining(`(no such file: ${join(dirname(file), 'nosuch.mjs')})`) })]);
    }
  });
});

/** Keys JavaScript objects carry (or treat specially), mixed with real field names. */
const segment = fc.constantFrom('__proto__', 'toString', 'hasOwnProperty', 'constructor', 'prototype', 'valueOf', 'consensus', 'network', 'expect', 'attacks', 'workload', 'nodes', 'pbft', 'regions', '0', 'x');

describe('keys that name properties of every JavaScript object', () => {
  it('--set and --vary with any dotted path of such keys give an InputError or a path, never a crash or a polluted prototype', () => {
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 4 }), (segments) => {
        const key = segments.join('.');
        for (const parse of [() => parseSet(`${key}=1`), () => parseVary(`${key}=1,2`)]) {
          try {
            parse();
          } catch (e) {
            expect(e).toBeInstanceOf(InputError);
          }
        }
        try {
          loadScenarioText('base.yaml', BASE, [`${key}=1`]);
        } catch (e) {
          expect(e).toBeInstanceOf(InputError);
        }
        expect(({} as Record<string, unknown>)['x']).toBeUndefined();
      }),
      { numRuns: 300, seed: 20260501 },
    );
  });

  it('names the unknown key for --set __proto__.x, toString, consensus.hasOwnProperty and constructor.prototype.x', () => {
    expect(issuesOf(() => parseSet('__proto__.x=1'))).toEqual([expect.objectContaining({ path: '__proto__', found: "the unknown key '__proto__'" })]);
    expect(issuesOf(() => parseSet('toString=1'))).toEqual([expect.objectContaining({ path: 'toString' })]);
    // consensus.<name> may be a plug-in protocol's block: it is checked with the loaded scenario.
    expect(issuesOf(() => loadScenarioText('base.yaml', BASE, ['consensus.hasOwnProperty=1']))).toEqual([expect.objectContaining({ source: '--set consensus.hasOwnProperty=1', path: 'consensus.hasOwnProperty' })]);
    expect(issuesOf(() => parseSet('constructor.prototype.x=1'))).toEqual([expect.objectContaining({ path: 'constructor' })]);
    expect(issuesOf(() => parseVary('__proto__.x=1,2'))).toEqual([expect.objectContaining({ path: '__proto__' })]);
  });

  it('refuses __proto__ written as a key in a file, at its own path', () => {
    const at = (text: string): string[] => issuesOf(() => loadScenarioText('base.yaml', text)).map((i) => `${i.source} ${i.path}`);
    expect(at(`${BASE.replace('  nodes: 4\n', '  nodes: 4\n  __proto__: 5\n')}`)).toEqual(['base.yaml:8:14 consensus.__proto__']);
    expect(at(`${BASE}expect: {__proto__: "== 0"}\n`)).toEqual([expect.stringMatching(/^base\.yaml:8:\d+ expect\.__proto__$/)]);
    expect(at(`__proto__: {x: 1}\n${BASE}`)).toEqual(['base.yaml:1:12 __proto__']);
  });
});

describe('unknown keys', () => {
  it('lists the keys of the variant the tag selects', () => {
    const issues = issuesOf(() => loadScenarioText('base.yaml', `${BASE}attacks: [{type: crash, replicas: [1], foo: 1}]\n`));
    expect(issues).toEqual([expect.objectContaining({ path: 'attacks.0.foo', expected: 'one of the known keys: type, start, end, replicas' })]);
    const latency = issuesOf(() => loadScenarioText('base.yaml', BASE.replace('  regions: [a, b]\n', '  regions: [a, b]\n  latency: {kind: fixed, value: 1ms, foo: 1}\n')));
    expect(latency).toEqual([expect.objectContaining({ path: 'network.latency.foo', expected: 'one of the known keys: kind, value' })]);
  });
});

describe('sizes a run cannot have', () => {
  it('refuses durations beyond 2^53 µs, rates beyond 1e6 tx/s, clients beyond 10,000 and more beds than a world can hold', () => {
    for (const set of ['duration=99999999999999h', 'duration=1e20us', 'warmup=1e20us', 'workload.rateTps=1e300', 'workload.clients=9007199254740991']) {
      expect(issuesOf(() => loadScenarioText('base.yaml', BASE, [set])), set).toEqual([expect.objectContaining({ source: `--set ${set}` })]);
    }
    const iomt = 'name: h\nduration: 1s\nworkload: {rateTps: 0}\niomt: {hospitals: 1, wardsPerHospital: 30, bedsPerWard: 10}\n';
    expect(issuesOf(() => loadScenarioText('h.yaml', iomt, ['iomt.bedsPerWard=9007199254740991']))).toEqual([expect.objectContaining({ path: 'iomt.bedsPerWard', expected: 'a number ≤ 100000' })]);
    expect(issuesOf(() => loadScenarioText('h.yaml', iomt, ['iomt.bedsPerWard=5000']))).toEqual([expect.objectContaining({ path: 'iomt.bedsPerWard', expected: expect.stringContaining('100,000 beds in all') })]);
    expect(issuesOf(() => loadScenarioText('base.yaml', BASE, ['duration=285y']))).toHaveLength(1);
  });
});

describe('--set errors name the flag, not a file line that does not hold the value', () => {
  it('blames the override for a default it made invalid, and the file for a value it wrote', () => {
    expect(issuesOf(() => loadScenarioText('base.yaml', BASE, ['consensus.pbft.checkpointInterval=300']))).toEqual([
      expect.objectContaining({ source: '--set consensus.pbft.checkpointInterval=300', path: 'consensus.pbft.logWindow' }),
    ]);
    const written = BASE.replace('  nodes: 4\n', '  nodes: 4\n  pbft: {logWindow: 256}\n');
    expect(issuesOf(() => loadScenarioText('base.yaml', written, ['consensus.pbft.checkpointInterval=300']))).toEqual([
      expect.objectContaining({ source: expect.stringMatching(/^base\.yaml:8:\d+$/), path: 'consensus.pbft.logWindow' }),
    ]);
  });

  it('refuses a list index past the end with one message, and allows replacing or appending', () => {
    expect(issuesOf(() => loadScenarioText('base.yaml', BASE, ['network.regions.5=x']))).toEqual([
      expect.objectContaining({ source: '--set network.regions.5=x', path: 'network.regions.5', found: '5' }),
    ]);
    expect(loadScenarioText('base.yaml', BASE, ['network.regions.2=c']).scenario.network.regions).toEqual(['a', 'b', 'c']);
  });

  it('says a bare number lacks a unit', () => {
    expect(issuesOf(() => loadScenarioText('base.yaml', BASE, ['duration=5']))).toEqual([expect.objectContaining({ expected: expect.stringContaining('with a unit'), found: '5 (no unit)' })]);
  });
});

describe('one problem, one message', () => {
  it('says a seed beyond 2^53 once (zod refuses it as an integer and against the bound, in the same words)', () => {
    const issues = issuesOf(() => loadScenarioText('base.yaml', `${BASE}seed: 99999999999999999999999\n`));
    expect(issues).toEqual([{ source: 'base.yaml:8:7', path: 'seed', expected: 'a number ≤ 9007199254740991', found: '1e+23' }]);
    expect(() => loadScenarioText('base.yaml', `${BASE}seed: 99999999999999999999999\n`)).toThrow(/^base\.yaml:8:7: seed: expected a number ≤ 9007199254740991, found 1e\+23$/);
  });
});

describe('a condition whose bound is not a finite number', () => {
  it.each(['<= 1e400', '>= -1e400', '== 1e309'])("expect: '%s' is refused naming the field (the number reads as ±Infinity)", (condition) => {
    const text = `${BASE}expect:\n  consensus.commit_latency_ms.p99: '${condition}'\n`;
    expect(issuesOf(() => loadScenarioText('base.yaml', text))).toEqual([
      { source: expect.stringMatching(/^base\.yaml:9:\d+$/), path: 'expect.consensus.commit_latency_ms.p99', expected: expect.stringContaining('a condition whose bound is a finite number'), found: expect.stringContaining(`'${condition}' (`) },
    ]);
  });

  it('parseCondition and parseSlo read no infinite bound, and a finite one as before', () => {
    expect(parseCondition('<= 1e400')).toBeUndefined();
    expect(parseSlo('consensus.commit_latency_ms.p99<=1e400')).toBeUndefined();
    expect(parseCondition('<= 1e300')).toEqual({ op: '<=', value: 1e300 });
    expect(parseSlo('safety.violations==0')?.condition).toEqual({ op: '==', value: 0 });
  });
});
