/** Notices of parameters set for a protocol the scenario does not run. */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadScenario, loadScenarioText } from './index.ts';
import { pointNotices } from './notices.ts';
import { protocolSectionNotices } from './protocol-section-notices.ts';

const scenariosDir = fileURLToPath(new URL('../../scenarios/', import.meta.url));

describe('protocol section notices', () => {
  it('names a --set of another protocol\'s parameter as not read, at its flag', () => {
    const l = loadScenario(`${scenariosDir}raft.yaml`, ['consensus.pbft.checkpointInterval=50']);
    expect(protocolSectionNotices(l.scenario, l.locate)).toEqual([
      '--set consensus.pbft.checkpointInterval=50: consensus.pbft.checkpointInterval: is set for Practical Byzantine Fault Tolerance, but consensus.protocol is raft: not read in this run',
    ]);
  });

  it('names every changed field of a block written in the file, at the first', () => {
    const l = loadScenarioText('s.yaml', 'name: s\nduration: 2s\nconsensus:\n  protocol: pbft\n  hotstuff: { viewTimeout: 3s, viewTimeoutMax: 90s }\nworkload: { rateTps: 10 }\n');
    const [notice] = protocolSectionNotices(l.scenario, l.locate);
    expect(notice).toMatch(/^s\.yaml:5:\d+: consensus\.hotstuff\.\w+, consensus\.hotstuff\.\w+: are set for .*, but consensus\.protocol is pbft: not read in this run$/);
  });

  it('says nothing of a block that only restates its defaults, nor of the protocol run', () => {
    const l = loadScenario(`${scenariosDir}raft.yaml`, ['consensus.pbft.checkpointInterval=128', 'consensus.raft.electionTimeoutMin=100ms']);
    expect(protocolSectionNotices(l.scenario, l.locate)).toEqual([]);
  });

  it("says nothing of a block another point of a sweep over consensus.protocol runs, but names one no point runs", () => {
    const sets = ['consensus.pbft.checkpointInterval=50', 'consensus.hotstuff.viewTimeout=3s'];
    const l = loadScenario(`${scenariosDir}raft.yaml`, sets);
    const pbft = loadScenario(`${scenariosDir}raft.yaml`, [...sets, 'consensus.protocol=pbft']);
    const notices = pointNotices([{ parameters: { 'consensus.protocol': 'raft' }, scenario: l.scenario }, { parameters: { 'consensus.protocol': 'pbft' }, scenario: pbft.scenario }], l.locate);
    expect(notices).toHaveLength(2);
    for (const [i, protocol] of ['raft', 'pbft'].entries()) expect(notices[i]).toMatch(new RegExp(`^at consensus\\.protocol=${protocol}: --set consensus\\.hotstuff\\.viewTimeout=3s: consensus\\.hotstuff\\.viewTimeout: is set for `));
  });

  it('says nothing of any bundled scenario as shipped', () => {
    const files = ['', 'attacks/', 'validation/'].flatMap((dir) => readdirSync(`${scenariosDir}${dir}`).filter((f) => f.endsWith('.yaml')).map((f) => `${scenariosDir}${dir}${f}`));
    expect(files.length).toBeGreaterThan(40);
    expect(files.flatMap((f) => {
      const l = loadScenario(f);
      return protocolSectionNotices(l.scenario, l.locate).map((n) => `${f}: ${n}`);
    })).toEqual([]);
  });
});
