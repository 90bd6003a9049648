import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError, checkDistinctDimensions, checkSetsNotVaried, formatIssue, loadScenario, loadScenarioText, parseVary, parseIntegerRange } from './index.ts';

const dir = mkdtempSync(join(tmpdir(), 'iomtsim-scenario-'));
function file(name: string, text: string): string {
  const path = join(dir, name);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
  return path;
}

/** The formatted messages of the InputError thrown by `fn`. */
function messages(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    if (err instanceof InputError) return err.issues.map(formatIssue);
    throw err;
  }
  throw new Error('expected an InputError, nothing was thrown');
}

const BASE = 'name: base\nduration: 10s\nconsensus:\n  protocol: pbft\n  nodes: 4\n';
/** A one-hospital IoMT world whose four consortium seats match its node count. */
const IOMT_BASE = 'name: t\nduration: 5s\nwarmup: 1s\nconsensus: { protocol: pbft, nodes: 4 }\niomt: { hospitals: 1, consortium: { nodesPerHospital: 1, lab: 1, insurer: 1, regulator: 1 } }\n';

describe('loadScenario: valid input', () => {
  it('fills defaults and converts units to base units', () => {
    const { scenario } = loadScenarioText('s.yaml', 'name: s\nduration: 2m\nwarmup: 500ms\n');
    expect(scenario.duration).toBe(120_000_000);
    expect(scenario.warmup).toBe(500_000);
    expect(scenario.replications).toBe(1);
    expect(scenario.expect).toEqual({});
  });

  it('extends a file relative to the extending file, merging mappings deeply', () => {
    file('lib/base.yaml', BASE + 'workload:\n  rateTps: 50\n  clients: 2\n');
    const child = file('sub/child.yaml', 'extends: ../lib/base.yaml\nname: child\nworkload:\n  rateTps: 80\n');
    const { scenario } = loadScenario(child);
    expect(scenario.workload.rateTps).toBe(80);
    expect(scenario.workload.clients).toBe(2);
    expect(scenario.consensus.nodes).toBe(4);
    expect(scenario.name).toBe('child');
  });

  it('extends a file named by an absolute path as it is, not under the extending file\'s folder', () => {
    const base = file('abs/base.yaml', BASE + 'workload:\n  clients: 3\n');
    const child = file('elsewhere/child.yaml', `extends: ${JSON.stringify(base)}\nname: child\n`);
    expect(loadScenario(child).scenario.workload.clients).toBe(3);
  });

  it('names a file that extends another after itself, not after its parent', () => {
    file('named/base.yaml', BASE);
    const child = file('named/Ward-7.yaml', 'extends: base.yaml\n');
    expect(loadScenario(child).scenario.name).toBe('ward-7');
  });

  it('resolves an alias to a value written before it, in a file and in a --set value', () => {
    const { scenario } = loadScenarioText('t.yaml', 'name: t\nduration: 1s\nnetwork:\n  upload: &bw 100Mbps\n  download: *bw\n', ['network.regions=[&r a, *r]']);
    expect(scenario.network.download).toBe(100_000_000);
    expect(scenario.network.regions).toEqual(['a', 'a']);
  });

  it('applies --set overrides after extends, values parsed as YAML', () => {
    const f = file('set.yaml', BASE);
    const { scenario, overrides } = loadScenario(f, ['consensus.nodes=7', 'network.upload=100Mbps', 'expect.safety.violations=== 0']);
    expect(scenario.consensus.nodes).toBe(7);
    expect(scenario.network.upload).toBe(100_000_000);
    expect(scenario.expect).toEqual({ 'safety.violations': '== 0' });
    expect(overrides).toHaveLength(3);
  });

  it('locates a field given by --set at its flag, for messages about the loaded scenario (a sweep point, a split)', () => {
    const loaded = loadScenarioText('t.yaml', 'name: t\nduration: 10s\nwarmup: 2s\n', ['warmup=1s']);
    expect(loaded.locate(['warmup'])).toBe('--set warmup=1s');
    expect(loaded.locate(['duration'])).toBe('t.yaml:2:11');
  });

  it('gives an IoMT scenario that writes no node count one node per consortium seat, following iomt.hospitals', () => {
    const text = 'name: t\nduration: 5s\nwarmup: 1s\nconsensus: { protocol: pbft }\niomt: { hospitals: 1, consortium: { nodesPerHospital: 2, lab: 1, insurer: 1, regulator: 1 } }\n';
    expect(loadScenarioText('t.yaml', text).scenario.consensus.nodes).toBe(5);
    expect(loadScenarioText('t.yaml', text, ['iomt.hospitals=3']).scenario.consensus.nodes).toBe(9);
    expect(loadScenarioText('t.yaml', text.replace('{ protocol: pbft }', '{ protocol: pbft, nodes: 5 }')).scenario.consensus.nodes).toBe(5);
  });
});

describe('loadScenario: bad input names the file, the field path, what was expected and what was found', () => {
  const cases: Array<[string, () => unknown, RegExp]> = [
    ['a wrong type', () => loadScenarioText('t.yaml', 'name: t\nduration: 10s\nconsensus:\n  nodes: four\n'),
      /^t\.yaml:4:10: consensus\.nodes: expected a number, found 'four'$/],
    ['an integer field given a fraction', () => loadScenarioText('t.yaml', 'name: t\nduration: 10s\nconsensus:\n  nodes: 4.5\n'),
      /^t\.yaml:4:10: consensus\.nodes: expected an integer, found 4\.5$/],
    ['an unknown key, with a suggestion', () => loadScenarioText('t.yaml', 'name: t\nduration: 10s\nconsensus:\n  nodez: 4\n'),
      /^t\.yaml:4:10: consensus\.nodez: expected a known key \(did you mean 'nodes'\?\), found the unknown key 'nodez'$/],
    ['an unknown top-level section', () => loadScenarioText('t.yaml', 'name: t\nduration: 10s\nconsensuss: {}\n'),
      /^t\.yaml:3:13: consensuss: expected a known key \(did you mean 'consensus'\?\), found the unknown key 'consensuss'$/],
    ['a negative duration', () => loadScenarioText('t.yaml', 'name: t\nduration: -5s\n'),
      /^t\.yaml:2:11: duration: expected a positive duration, found '-5s'$/],
    ['a duration without a unit', () => loadScenarioText('t.yaml', 'name: t\nduration: 500\n'),
      /^t\.yaml:2:11: duration: expected a positive duration with a unit \(e\.g\. 500ms, 2s, 10m\), found 500 \(no unit\)$/],
    ['a value no branch of a union accepts, naming every branch', () => loadScenarioText('t.yaml', 'name: t\nduration: 10s\nnetwork:\n  queueLimit: lots\n'),
      /^t\.yaml:4:15: network\.queueLimit: expected a duration with a unit, such as '500ms', .* or 'none', found 'lots'$/],
    ['a duration finer than the clock, which had been rounded (1.5 µs ran as 2)', () => loadScenarioText('t.yaml', 'name: t\nduration: 1.5us\n'),
      /^t\.yaml:2:11: duration: expected a whole number of µs \(the simulator clock counts whole microseconds\), such as '500ms', '2s', '10m', '1h', found '1\.5us'$/],
    ['a long duration half a µs off a whole one', () => loadScenarioText('t.yaml', 'name: t\nduration: 1000000000.5us\n'),
      /^t\.yaml:2:11: duration: expected a whole number of µs .*, found '1000000000\.5us'$/],
    ['a size of a fraction of a byte', () => loadScenarioText('t.yaml', 'name: t\nduration: 1s\nworkload: { txSize: 0.5B }\n'),
      /^t\.yaml:3:21: workload\.txSize: expected a whole number of bytes \(sizes are counted in whole bytes\), such as '512B', '64KB', '1MiB', found '0\.5B'$/],
    ['a duration with an unknown unit', () => loadScenarioText('t.yaml', 'name: t\nduration: 5 fortnights\n'),
      /^t\.yaml:2:11: duration: expected a duration with a unit, such as '500ms', '2s', '10m', '1h' \(units: .*\), found '5 fortnights'$/],
    ['a required field missing', () => loadScenarioText('t.yaml', 'name: t\n'),
      /^t\.yaml: duration: expected a positive duration with a unit \(e\.g\. 500ms, 2s, 10m\), found nothing \(the field is missing\)$/],
    ['a value outside an enumeration', () => loadScenarioText('t.yaml', 'name: t\nduration: 1s\nconsensus: { protocol: paxos }\n'),
      /^t\.yaml:3:24: consensus\.protocol: expected one of 'pbft', 'hotstuff', 'raft', 'poa', 'pow'(, '[a-z0-9-]+')*, found 'paxos'$/],
    ['an expectation on a metric no catalog lists, with the nearest name', () => loadScenarioText('t.yaml', 'name: t\nduration: 1s\nexpect:\n  safety.violation: == 0\n'),
      /^t\.yaml:4:21: expect\.safety\.violation: expected a metric name \(`iomtsim list metrics` lists them; did you mean safety\.violations\?\), found 'safety\.violation'$/],
    ['a number below its minimum', () => loadScenarioText('t.yaml', 'name: t\nduration: 1s\nnetwork: { loss: 1.5 }\n'),
      /^t\.yaml:3:18: network\.loss: expected a number ≤ 1, found 1\.5$/],
    ['a wrong discriminator in a union', () => loadScenarioText('t.yaml', 'name: t\nduration: 1s\nnetwork:\n  latency: { kind: fixd, value: 1ms }\n'),
      /^t\.yaml:4:20: network\.latency\.kind: expected one of 'fixed', .*'empirical', found 'fixd'$/],
    ['malformed YAML, with line and column', () => loadScenarioText('t.yaml', 'name: t\nduration: [1s\nseed: 2\n'),
      /^t\.yaml:\d+:\d+: \(yaml\): expected valid YAML, found a syntax error: .+$/],
    ['a list used as a key, which no field has', () => loadScenarioText('t.yaml', 'name: t\nduration: 1s\n? [a, b]\n: 1\n'),
      /^t\.yaml:3:3: \(yaml\): expected a plain key, such as a field name, found a list used as a key$/],
    ['a duplicate key', () => loadScenarioText('t.yaml', 'name: t\nduration: 1s\nduration: 2s\n'),
      /^t\.yaml:3:1: \(yaml\): expected valid YAML, found a syntax error: Map keys must be unique$/],
    ['a document that is not a mapping', () => loadScenarioText('t.yaml', '- 1\n- 2\n'),
      /^t\.yaml: \(root\): expected a mapping of scenario fields, found a list of 2 items$/],
    ['a missing file', () => loadScenario(join(dir, 'absent.yaml')),
      /^.*absent\.yaml: \(file\): expected an existing scenario file, found no such file$/],
    ['a missing extends target', () => loadScenario(file('orphan.yaml', 'extends: nowhere.yaml\nduration: 1s\n')),
      /^.*orphan\.yaml:1:10: extends: expected an existing scenario file, relative to this one, found 'nowhere\.yaml' \(no such file: .*nowhere\.yaml\)$/],
    ['an extends naming a folder', () => {
      mkdirSync(join(dir, 'a-folder'), { recursive: true });
      return loadScenario(file('extends-folder.yaml', 'extends: a-folder\nduration: 1s\n'));
    }, /^.*extends-folder\.yaml:1:10: extends: expected a scenario file, relative to this one, found 'a-folder', a folder \(.*a-folder\)$/],
    ['an extends cycle', () => {
      file('cycle-a.yaml', 'extends: cycle-b.yaml\nduration: 1s\n');
      file('cycle-b.yaml', 'extends: cycle-a.yaml\n');
      return loadScenario(join(dir, 'cycle-a.yaml'));
    }, /^.*cycle-b\.yaml:1:10: extends: expected a chain of scenarios without a cycle, found the cycle .*cycle-a\.yaml → .*cycle-b\.yaml → .*cycle-a\.yaml$/],
    ['a --set name of .., refused for the rule it breaks, not for its characters (each allowed)', () => loadScenario(file('s4.yaml', BASE), ['name=..']),
      /^--set name=\.\.: name: expected a name that does not start with '\.', so not '\.' or '\.\.', as it names one folder under results\/ \(lower-case letters, digits, "\.", "_" or "-", the first a letter or digit\), found '\.\.'$/],
    ['a name with a path separator', () => loadScenarioText('t.yaml', 'name: a/b\nduration: 1s\n'),
      /^t\.yaml:1:7: name: expected a name without path separators, as it names one folder under results\/ \(.*\), found 'a\/b'$/],
    ['a bad --set value', () => loadScenario(file('s1.yaml', BASE), ['consensus.nodes=many']),
      /^--set consensus\.nodes=many: consensus\.nodes: expected a number, found 'many'$/],
    ['a --set of an unknown path', () => loadScenario(file('s2.yaml', BASE), ['consensus.nodez=7']),
      /^--set consensus\.nodez=7: consensus\.nodez: expected a known key \(did you mean 'nodes'\?\), found the unknown key 'nodez'$/],
    ['a --set without =', () => loadScenario(file('s3.yaml', BASE), ['consensus.nodes']),
      /^--set consensus\.nodes: \(flag\): expected key=value, found 'consensus\.nodes'$/],
    ['a bad expectation condition', () => loadScenarioText('t.yaml', 'name: t\nduration: 1s\nexpect:\n  safety.violations: "= 0"\n'),
      /^t\.yaml:4:22: expect\.safety\.violations: expected a condition such as '== 0', '<= 2000' or '> 0\.9', found '= 0'$/],
    ['a BFT protocol with f ≥ n/3 faulty replicas', () => loadScenarioText('t.yaml', 'name: t\nduration: 1s\nconsensus: { protocol: pbft, nodes: 4 }\nattacks:\n  - { type: silence, replicas: [0, 1] }\n'),
      /^t\.yaml:3:37: consensus\.nodes: expected a scenario inside the byzantine fault model of pbft \(n ≥ 3f \+ 1: 2 faulty need at least 7 nodes\), found 4 nodes with 2 faulty \(outside the fault model\)$/],
    ['a crash-fault protocol with a crashed majority', () => loadScenarioText('t.yaml', 'name: t\nduration: 1s\nconsensus: { protocol: raft, nodes: 3 }\nattacks:\n  - { type: crash, replicas: [0, 1] }\n'),
      /^t\.yaml:3:37: consensus\.nodes: expected a scenario inside the crash fault model of raft \(n ≥ 2f \+ 1: 2 faulty need at least 5 nodes\), found 3 nodes with 2 faulty \(outside the fault model\)$/],
    ['a protocol below its fewest replicas, even where faults outside the model are allowed', () => loadScenarioText('t.yaml', 'name: t\nduration: 1s\nallowOutsideFaultModel: true\nconsensus: { protocol: hotstuff, nodes: 1 }\n'),
      /^t\.yaml:4:41: consensus\.nodes: expected at least 2 nodes for hotstuff \(a lone replica's own vote forms each next QC, so its views follow each other with no time between them\), found 1$/],
    ['a warm-up as long as the run', () => loadScenarioText('t.yaml', 'name: t\nduration: 5s\nwarmup: 5s\n'),
      /^t\.yaml:3:9: warmup: expected a warm-up shorter than duration \(5 s\), found 5 s$/],
    ['an IoMT consortium whose seats are not the node count', () => loadScenarioText('t.yaml', 'name: t\nduration: 5s\nwarmup: 1s\nconsensus: { protocol: pbft, nodes: 16 }\niomt: { hospitals: 1 }\n'),
      /^t\.yaml:4:37: consensus\.nodes: expected \d+, the consortium size from iomt\.consortium \(1 hospitals × \d+ \+ lab \d+ \+ insurer \d+ \+ regulator \d+\), found 16$/],
    ['synthetic load in an IoMT scenario, which places no load client', () => loadScenarioText('t.yaml', `${IOMT_BASE}workload: { rateTps: 500 }\n`),
      /^t\.yaml:6:22: workload\.rateTps: expected no synthetic load in an IoMT scenario \(.*\), so no workload field but rateTps: 0, found 500$/],
    ['a load client setting in an IoMT scenario set from the command line', () => loadScenarioText('t.yaml', IOMT_BASE, ['workload.clients=8']),
      /^--set workload\.clients=8: workload\.clients: expected no synthetic load in an IoMT scenario \(.*\), so no workload field but rateTps: 0, found 8$/],
    ['a network latency in an IoMT scenario, whose links are iomt.links', () => loadScenarioText('t.yaml', `${IOMT_BASE}network: { loss: 0.01, latency: { kind: fixed, value: 5ms } }\n`),
      /^t\.yaml:6:33: network\.latency: expected only loss, receiveQueueing and queueLimit in an IoMT scenario's network section \(its latencies and bandwidths are iomt\.links\), found \{"kind":"fixed","value":"5ms"\}$/],
    ['synthetic load in a proof-of-work scenario, whose blocks are filled without clients', () => loadScenarioText('t.yaml', 'name: t\nduration: 5s\nwarmup: 1s\nconsensus: { protocol: pow, nodes: 8 }\nworkload: { rateTps: 500 }\n'),
      /^t\.yaml:5:22: workload\.rateTps: expected no workload in a proof-of-work scenario \(no load client is placed: .*\), found 500$/],
    ['a workload swept over a proof-of-work scenario from the command line', () => loadScenarioText('t.yaml', 'name: t\nduration: 5s\nwarmup: 1s\nconsensus: { protocol: pow, nodes: 8 }\n', ['workload.rateTps=100']),
      /^--set workload\.rateTps=100: workload\.rateTps: expected no workload in a proof-of-work scenario \(.*\), found 100$/],
    ['a mempool setting for Raft, whose leader keeps no pool of waiting transactions', () => loadScenarioText('t.yaml', 'name: t\nduration: 5s\nwarmup: 1s\nconsensus: { protocol: raft, nodes: 3, mempool: { ttl: 3s } }\n'),
      /^t\.yaml:4:56: consensus\.mempool\.ttl: expected no consensus\.mempool with protocol raft \(the leader appends each request to its log .*\), found 3s$/],
    ['a mempool setting for proof of work set from the command line', () => loadScenarioText('t.yaml', 'name: t\nduration: 5s\nwarmup: 1s\nconsensus: { protocol: pow, nodes: 8 }\n', ['consensus.mempool.capacity=10']),
      /^--set consensus\.mempool\.capacity=10: consensus\.mempool\.capacity: expected no consensus\.mempool with protocol pow \(.*\), found 10$/],
    ['a 1-block difficulty-retarget period, which measures no interval', () => loadScenarioText('t.yaml', 'name: t\nduration: 5s\nwarmup: 1s\nconsensus: { protocol: pow, nodes: 8, pow: { retargetBlocks: 1 } }\n'),
      /^t\.yaml:4:\d+: consensus\.pow\.retargetBlocks: expected 0 \(a fixed difficulty\) or a period of at least 2 blocks \(a 1-block period measures no interval between its first and last block\), found 1$/],
    ['an IoMT world on proof of work, whose nodes execute no contract', () => loadScenarioText('t.yaml', IOMT_BASE.replace('protocol: pbft', 'protocol: pow')),
      /^t\.yaml:4:\d+: consensus\.protocol: expected a protocol whose replicas execute the IoMT contracts, one of pbft, hotstuff, raft, poa(, [a-z0-9-]+)* \(pow: its nodes confirm transactions .*\), found 'pow'$/],
    ["a SimBlock Pareto latency whose mean leaves no positive scale", () => loadScenarioText('t.yaml', 'name: t\nduration: 1s\nnetwork:\n  latency: { kind: pareto-simblock, mean: 1us }\n'),
      /^t\.yaml:4:\d+: network\.latency\.mean: expected a duration over 5ms \(SimBlock's Pareto has scale mean − 5 ms, which must be positive\), found '1us'$/],
    ['the same latency on an IoMT link', () => loadScenarioText('t.yaml', IOMT_BASE, ['iomt.links.radio={kind: pareto-simblock, mean: 1ms}']),
      /^--set iomt\.links\.radio=\{kind: pareto-simblock, mean: 1ms\}: iomt\.links\.radio\.mean: expected a duration over 5ms \(.*\), found '1ms'$/],
    ['a uniform latency whose upper bound is below its lower bound', () => loadScenarioText('t.yaml', 'name: t\nduration: 1s\nnetwork:\n  latency: { kind: uniform, min: 5ms, max: 1ms }\n'),
      /^t\.yaml:4:\d+: network\.latency\.max: expected a duration ≥ min \(uniform: the upper bound of the interval\), found '1ms'$/],
    ['an exponential latency of mean 0', () => loadScenarioText('t.yaml', 'name: t\nduration: 1s\nnetwork:\n  latency: { kind: exponential, mean: 0us }\n'),
      /^t\.yaml:4:\d+: network\.latency\.mean: expected a positive duration, found '0us'$/],
    ['a lognormal latency of median 0', () => loadScenarioText('t.yaml', 'name: t\nduration: 1s\nnetwork:\n  latency: { kind: lognormal, median: 0us, sigma: 1 }\n'),
      /^t\.yaml:4:\d+: network\.latency\.median: expected a positive duration, found '0us'$/],
    ['a Pareto latency of scale 0', () => loadScenarioText('t.yaml', 'name: t\nduration: 1s\nnetwork:\n  latency: { kind: pareto, shape: 1, scale: 0us }\n'),
      /^t\.yaml:4:\d+: network\.latency\.scale: expected a positive duration, found '0us'$/],
    ['a device detector of a feature only a gateway is fed', () => loadScenarioText('t.yaml', IOMT_BASE, ['iomt.detectors=[{type: cusum, scope: device, feature: rate}]']),
      /^--set iomt\.detectors=.*: iomt\.detectors\.0\.feature: expected a feature that device-scope detectors are fed, 'interarrival' or 'value' \(nothing feeds them another\), found 'rate'$/],
    ['a gateway detector of a feature only devices are fed', () => loadScenarioText('t.yaml', IOMT_BASE, ['iomt.detectors=[{type: zscore, scope: device, feature: value}, {type: ewma, scope: gateway, feature: interarrival}]']),
      /^--set iomt\.detectors=.*: iomt\.detectors\.1\.feature: expected a feature that gateway-scope detectors are fed, 'rate' \(nothing feeds them another\), found 'interarrival'$/],
    ['a block too small for one transaction after its header', () => loadScenarioText('t.yaml', `${BASE}  blockSizeMax: 300B\n`),
      /^t\.yaml:6:\d+: consensus\.blockSizeMax: expected at least 352 B, a 96-byte block header and one transaction of workload\.txSize \(256 B\), found 300 B$/],
    ['a flow mapping written without a space after a colon', () => loadScenarioText('t.yaml', 'name: t\nduration: 1s\nnetwork:\n  latency: {kind:fixed,value:10ms}\n'),
      /^t\.yaml:4:\d+: network\.latency\.kind: expected one of 'fixed', .*, found nothing: YAML read 'kind:fixed' as one key with no value \(write 'kind: fixed', a space after the colon\)$/],
    ['a mempool too small for one transaction', () => loadScenarioText('t.yaml', 'name: t\nduration: 10s\nconsensus:\n  protocol: hotstuff\n  nodes: 4\n  mempool: { capacityBytes: 100B }\n'),
      /^t\.yaml:6:\d+: consensus\.mempool\.capacityBytes: expected at least 256 B, one transaction of workload\.txSize \(256 B\), found 100 B$/],
    ['a mempool too small for the largest IoMT transaction', () => loadScenarioText('t.yaml', IOMT_BASE, ['consensus.mempool.capacityBytes=200B']),
      /^--set consensus\.mempool\.capacityBytes=200B: consensus\.mempool\.capacityBytes: expected at least \d+ B, the largest transaction the IoMT application can submit \(.*\), found 200 B$/],
    ['a transaction larger than what the default block holds, blaming the size written', () => loadScenarioText('t.yaml', `${BASE}workload: { txSize: 1MB }\n`),
      /^t\.yaml:6:\d+: workload\.txSize: expected at most 524192 B, what a block of consensus\.blockSizeMax \(524288 B\) holds after its 96-byte header, found 1000000 B$/],
    ['a proof-of-work block too small for one transaction', () => loadScenarioText('t.yaml', 'name: t\nduration: 5s\nwarmup: 1s\nconsensus: { protocol: pow, nodes: 8, pow: { blockSize: 1B } }\n'),
      /^t\.yaml:4:\d+: consensus\.pow\.blockSize: expected at least 330 B, the 80-byte block header and one transaction of txSize \(250 B\), found 1 B$/],
    ['a proof-of-work transaction larger than the block', () => loadScenarioText('t.yaml', 'name: t\nduration: 5s\nwarmup: 1s\nconsensus: { protocol: pow, nodes: 8, pow: { txSize: 1MB } }\n'),
      /^t\.yaml:4:\d+: consensus\.pow\.blockSize: expected at least 1000080 B, the 80-byte block header and one transaction of txSize \(1000000 B\), found 535000 B$/],
    ['a per-region bandwidth list of another length than network.regions', () => loadScenarioText('t.yaml', 'name: t\nduration: 1s\nnetwork:\n  regions: [a, b, c]\n  upload: [1Gbps, 2Gbps]\n'),
      /^t\.yaml:5:\d+: network\.upload: expected one bandwidth, or 3 bandwidths \(one per region of network\.regions\), found a list of 2$/],
    ['region shares of another length than network.regions', () => loadScenarioText('t.yaml', 'name: t\nduration: 1s\nnetwork:\n  regions: [a, b]\n  regionShares: [1]\n'),
      /^t\.yaml:5:\d+: network\.regionShares: expected 2 shares \(one per region of network\.regions\), found 1 share$/],
    ['region shares that are all zero', () => loadScenarioText('t.yaml', 'name: t\nduration: 1s\nnetwork:\n  regions: [a, b]\n  regionShares: [0, 0]\n'),
      /^t\.yaml:5:\d+: network\.regionShares: expected at least one positive share \(hosts are placed in proportion to them\), found \[0, 0\]$/],
    ['a latency matrix short of a row', () => loadScenarioText('t.yaml', 'name: t\nduration: 1s\nnetwork:\n  regions: [a, b]\n  latency: [[{ kind: fixed, value: 1ms }, { kind: fixed, value: 1ms }]]\n'),
      /^t\.yaml:5:\d+: network\.latency: expected a 2×2 matrix \(one row per region of network\.regions\), found 1 row$/],
    ['a latency matrix row short of a column', () => loadScenarioText('t.yaml', 'name: t\nduration: 1s\nnetwork:\n  regions: [a, b]\n  latency: [[{ kind: fixed, value: 1ms }, { kind: fixed, value: 1ms }], [{ kind: fixed, value: 1ms }]]\n'),
      /^t\.yaml:5:\d+: network\.latency\.1: expected 2 columns \(one per region of network\.regions\), found 1 column$/],
    ['an alias inside the value it names, which would contain itself', () => loadScenarioText('t.yaml', 'name: t\nduration: 1s\nconsensus: &c { protocol: pbft, pbft: *c }\n'),
      /^t\.yaml:3:39: \(yaml\): expected an alias to a value written before it, found \*c inside the value &c names, a value that would contain itself$/],
    ['the same in a --set value', () => loadScenarioText('t.yaml', 'name: t\nduration: 1s\n', ['network.regions=&a [*a]']),
      /^--set network\.regions=&a \[\*a\]: network\.regions: expected a value written as YAML .*, found '&a \[\*a\]' \(\*a inside the value &a names, a value that would contain itself\)$/],
    ['two detectors that would report under one name', () => loadScenarioText('t.yaml', IOMT_BASE, ['iomt.detectors=[{type: zscore, scope: device, feature: value, threshold: 1}, {type: zscore, scope: device, feature: value, threshold: 50}]']),
      /^--set iomt\.detectors=.*: iomt\.detectors\.1: expected a detector of another type or feature than detectors\.0 \(each reports as detect\.zscore_value\.\*\), found a second zscore on value$/],
    ['two alert rules of one name', () => loadScenarioText('t.yaml', IOMT_BASE, ['iomt.rules=[{name: a, channel: spo2, op: below, threshold: 90, hold: 5s}, {name: a, channel: hr, op: above, threshold: 120, hold: 5s}]']),
      /^--set iomt\.rules=.*: iomt\.rules\.1\.name: expected a name no other rule has \(an alert is recorded on chain by its rule's name\), found 'a', the name of rules\.0$/],
    ['an alert rule name with capitals and a space', () => loadScenarioText('t.yaml', IOMT_BASE, ['iomt.rules=[{name: X Y, channel: spo2, op: below, threshold: 90, hold: 5s}]']),
      /^--set iomt\.rules=.*: iomt\.rules\.0\.name: expected a name of lower-case letters, digits and '-', found 'X Y'$/],
    ['a message kind delay-votes lists twice', () => loadScenarioText('t.yaml', `${BASE}attacks:\n  - { type: delay-votes, start: 1s, replicas: [1], delay: 5ms, kinds: [pbft-commit, pbft-commit] }\n`),
      /^t\.yaml:\d+:\d+: attacks\.0\.kinds\.1: expected a message kind not listed before, found pbft-commit, already at kinds\.0$/],
    ['an expectation written as a bare number', () => loadScenarioText('t.yaml', 'name: t\nduration: 1s\nexpect:\n  safety.violations: 0\n'),
      /^t\.yaml:4:\d+: expect\.safety\.violations: expected a condition such as '== 0', '<= 2000' or '> 0\.9', found 0$/],
    ['a --vary range in exponent notation', () => parseVary('consensus.nodes=1..1e9:1'),
      /^--vary consensus\.nodes=1\.\.1e9:1: consensus\.nodes: expected a range lo\.\.hi:step of numbers written in decimal digits \(no exponent\), such as 4\.\.10 or 0\.1\.\.0\.5:0\.1, found '1\.\.1e9:1'$/],
    ['a bad --vary', () => parseVary('consensus.nodes=4,,7'),
      /^--vary consensus\.nodes=4,,7: consensus\.nodes: expected key=v1,v2,\.\.\. or key=lo\.\.hi:step with no empty value, found '4,,7'$/],
    ['a reversed --vary range', () => parseVary('consensus.nodes=10..4'),
      /^--vary consensus\.nodes=10\.\.4: consensus\.nodes: expected a range lo\.\.hi with lo ≤ hi, found 10\.\.4$/],
    ['a --vary quantity given twice in two units', () => parseVary('duration=2s,2000ms'),
      /^--vary duration=2s,2000ms: duration: expected each value once, found '2000ms' given twice$/],
    ['a --vary of lists, which a results folder cannot record', () => parseVary('network.regions=[x],[y]'),
      /^--vary network\.regions=\[x\],\[y\]: network\.regions: expected values that are numbers, strings or true\/false \(a list or mapping cannot be swept; .*\), found '\[x\]'$/],
    ['a --vary inside another --vary', () => checkDistinctDimensions([parseVary('attacks.0.start=1s,2s'), parseVary('attacks=a,b')]),
      /^--vary attacks\.0\.start=\.\.\.: attacks\.0\.start: expected a field no other --vary contains \(each point of --vary attacks=\.\.\. would replace it\), found attacks\.0\.start, inside --vary attacks$/],
    ['a --vary value given twice', () => parseVary('consensus.nodes=4,7,4'),
      /^--vary consensus\.nodes=4,7,4: consensus\.nodes: expected each value once, found '4' given twice$/],
    ['a --vary of the seed, which every point shares', () => parseVary('seed=1,2'),
      /^--vary seed=1,2: seed: expected a field that can differ between points \(every point runs the same seeds, from --seed and --reps: .*\), found 'seed'$/],
    ['a --vary of the rule expectations are judged by, which every point shares', () => parseVary('expectRule=mean,interval'),
      /^--vary expectRule=mean,interval: expectRule: expected a field that can differ between points \(every point is judged by one rule, so that their verdicts compare\), found 'expectRule'$/],
    ['an expectRule that is none of the rules', () => loadScenarioText('t.yaml', 'name: t\nduration: 1s\nexpectRule: median\n'),
      /^t\.yaml:3:13: expectRule: expected one of 'mean', 'interval', 'every', found 'median'$/],
    ['a sizing range over the replications, which every probe shares', () => parseIntegerRange('replications=1..8'),
      /^--vary replications=1\.\.8: replications: expected a field that can differ between points \(every point runs the same number of replications, set with --reps\), found 'replications'$/],
    ['a grid of more points than a run may plan', () => checkDistinctDimensions([parseVary('consensus.batchSize=1..200'), parseVary('workload.rateTps=1..100')]),
      /^--vary consensus\.batchSize=\.\.\. --vary workload\.rateTps=\.\.\.: \(grid\): expected at most 10000 points in the grid, found 200 × 100 = 20000 points$/],
    ['a --set of the field a --vary sweeps, which every point would override', () => checkSetsNotVaried(['consensus.nodes'], ['consensus.batchSize=20', 'consensus.nodes=10']),
      /^--set consensus\.nodes=10: consensus\.nodes: expected a field --vary does not sweep \(each point sets consensus\.nodes itself\), found consensus\.nodes, swept by --vary consensus\.nodes=\.\.\.$/],
    ['a --set inside a mapping a --vary sweeps whole', () => checkSetsNotVaried(['network.latency'], ['network.latency.mean=5ms']),
      /^--set network\.latency\.mean=5ms: network\.latency\.mean: expected a field --vary does not sweep \(each point sets network\.latency itself\), found network\.latency\.mean, swept by --vary network\.latency=\.\.\.$/],
    ['a sizing range that is not integer', () => parseIntegerRange('workload.rateTps=1.5..9'),
      /^--vary workload\.rateTps=1\.5\.\.9: workload\.rateTps: expected an integer range lo\.\.hi, such as 10\.\.5000, found '1\.5\.\.9'$/],
  ];
  for (const [what, fn, pattern] of cases) {
    it(`reports ${what}`, () => {
      const lines = messages(fn);
      expect(lines.length).toBeGreaterThan(0);
      expect(lines[0]).toMatch(pattern);
    });
  }

  it('accepts the least sizes that hold one transaction, the smallest retarget period, and detectors of the features their scope is fed', () => {
    expect(loadScenarioText('t.yaml', `${BASE}  blockSizeMax: 352B\n`).scenario.consensus.blockSizeMax).toBe(352);
    const pow = loadScenarioText('t.yaml', 'name: t\nduration: 5s\nwarmup: 1s\nconsensus: { protocol: pow, nodes: 8, pow: { blockSize: 330B, retargetBlocks: 2 } }\n');
    expect(pow.scenario.consensus.pow).toMatchObject({ blockSize: 330, retargetBlocks: 2 });
    expect(loadScenarioText('t.yaml', 'name: t\nduration: 5s\nwarmup: 1s\nconsensus: { protocol: pow, nodes: 8, pow: { retargetBlocks: 0 } }\n').scenario.consensus.pow.retargetBlocks).toBe(0);
    const detectors = '[{type: cusum, scope: device, feature: interarrival}, {type: zscore, scope: device, feature: value}, {type: ewma, scope: gateway, feature: rate}]';
    expect(loadScenarioText('t.yaml', IOMT_BASE, [`iomt.detectors=${detectors}`]).scenario.iomt?.detectors).toHaveLength(3);
  });

  it('accepts an IoMT scenario that says it offers no synthetic load, or says nothing of it', () => {
    expect(loadScenarioText('t.yaml', `${IOMT_BASE}workload: { rateTps: 0 }\n`).scenario.iomt).toBeDefined();
    expect(loadScenarioText('t.yaml', IOMT_BASE).scenario.iomt).toBeDefined();
  });

  it('lets --set give the fields beside a swept one, and the rest of a mapping a --vary sweeps one field of', () => {
    expect(() => checkSetsNotVaried(['consensus.nodes'], ['consensus.batchSize=20', 'consensus={protocol: pbft, nodes: 4}', 'consensus.nodesX=1'])).not.toThrow();
  });

  it('takes a --vary value off a whole µs as its own value, which the loader then refuses for the fraction, not as a duplicate of the one it rounds to', () => {
    expect(parseVary('duration=1.5us,2us').values).toEqual(['1.5us', '2us']);
  });

  it('reports every problem, not just the first', () => {
    const lines = messages(() => loadScenarioText('t.yaml', 'name: t\nduration: 1s\nconsensus: { nodes: 0, batchSize: x }\n'));
    expect(lines).toHaveLength(2);
  });

  it('blames the file that wrote a value inherited through extends', () => {
    file('blame/base.yaml', 'name: b\nduration: 1s\nworkload:\n  rateTps: fast\n');
    const child = file('blame/child.yaml', 'extends: base.yaml\n');
    expect(messages(() => loadScenario(child))[0]).toMatch(/blame\/base\.yaml:4:12: workload\.rateTps: expected a number, found 'fast'$/);
  });

  it('runs outside the fault model only when the scenario says so', () => {
    const text = 'name: t\nduration: 1s\nallowOutsideFaultModel: true\nconsensus: { protocol: pbft, nodes: 4 }\nattacks:\n  - { type: silence, replicas: [0, 1] }\n';
    expect(loadScenarioText('t.yaml', text).scenario.consensus.nodes).toBe(4);
  });
});
