/** The load-time attack check: message kinds against the scenario's protocol, targets against its sizes. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InputError, loadScenarioText } from './index.ts';

function issuesOf(text: string): InputError['issues'] {
  try {
    loadScenarioText('s.yaml', text);
  } catch (e) {
    if (e instanceof InputError) return e.issues;
    throw e;
  }
  return [];
}

const scenario = (protocol: string, attack: string) => `name: s\nduration: 2s\nconsensus: { protocol: ${protocol}, nodes: 4 }\nattacks:\n  - ${attack}\n`;

describe('attacks checked against the scenario when it loads', () => {
  it("accepts the protocol's own message kinds", () => {
    expect(issuesOf(scenario('pbft', '{ type: delay-votes, replicas: [1], delay: 100ms, kinds: [pbft-prepare, pbft-commit] }'))).toEqual([]);
  });

  it("refuses another protocol's kind, listing the scenario protocol's kinds", () => {
    expect(issuesOf(scenario('raft', '{ type: delay-votes, replicas: [1], delay: 100ms, kinds: [pbft-prepare] }'))).toEqual([
      { source: 's.yaml:5:63', path: 'attacks.0.kinds.0', expected: 'a message kind of raft, one of raft-append, raft-append-reply, raft-request-vote, raft-vote, raft-pre-vote, raft-pre-vote-reply', found: "'pbft-prepare'" },
    ]);
  });

  it('refuses an eclipse whose attackers are every other replica: it would cut nothing', () => {
    expect(issuesOf(scenario('pbft', '{ type: eclipse, victim: 3, attackers: [0, 1, 2] }')).map((i) => [i.path, i.found])).toEqual([['attacks.0.attackers', 'all 3']]);
    expect(issuesOf(scenario('pbft', '{ type: eclipse, victim: 3, attackers: [0, 1] }'))).toEqual([]);
  });

  it("refuses leader-isolation's delays without follow, and a delay range upside down", () => {
    expect(issuesOf(scenario('pbft', '{ type: leader-isolation, after: 100ms }')).map((i) => i.path)).toEqual(['attacks.0.after']);
    expect(issuesOf(scenario('pbft', '{ type: leader-isolation, afterMax: 100ms }')).map((i) => i.path)).toEqual(['attacks.0.afterMax']);
    expect(issuesOf(scenario('pbft', '{ type: leader-isolation, follow: true, after: 100ms, afterMax: 10ms }')).map((i) => [i.path, i.found])).toEqual([['attacks.0.afterMax', '10000 µs']]);
    expect(issuesOf(scenario('pbft', '{ type: leader-isolation, follow: true, after: 1ms, afterMax: 10ms }'))).toEqual([]);
  });

  it('refuses a client index beyond the workload, naming where it was written', () => {
    expect(issuesOf(scenario('pbft', '{ type: censorship, replicas: [0], clients: [0, 9] }') + 'workload: { clients: 2 }\n')).toEqual([
      { source: 's.yaml:5:53', path: 'attacks.0.clients.1', expected: 'a client index in 0..1', found: '9' },
    ]);
  });

  it('refuses an attack its kind of world would not carry out, listing those it would (never an attack silently absent)', () => {
    const [pow] = issuesOf(scenario('pow', '{ type: crash, replicas: [1] }'));
    expect(pow).toMatchObject({ path: 'attacks.0.type', found: "'crash'" });
    expect(pow!.expected).toBe('an attack that acts in a proof-of-work network (consensus.protocol: pow without iomt:), one of selfish-mining, double-spend, majority');
    for (const attack of ['{ type: selfish-mining, share: 0.3 }', '{ type: replay, devices: [0] }']) {
      const [issue] = issuesOf(scenario('pbft', attack));
      expect(issue).toMatchObject({ path: 'attacks.0.type' });
      expect(issue!.expected).toMatch(/^an attack that acts in a consensus-only world, one of crash, partition, .*stale-qc$/);
    }
  });

  it('accepts in an IoMT world both a device attack and one on its consortium replicas, and refuses a proof-of-work one there', () => {
    const hospital = readFileSync(new URL('../../scenarios/hospital.yaml', import.meta.url), 'utf8');
    const withAttacks = (attacks: string) => `${hospital}\nattacks:\n${attacks}`;
    expect(issuesOf(withAttacks('  - { type: replay, devices: [0] }\n  - { type: crash, replicas: [1] }\n'))).toEqual([]);
    expect(issuesOf(withAttacks('  - { type: selfish-mining, share: 0.3 }\n'))).toMatchObject([{ path: 'attacks.0.type', found: "'selfish-mining'" }]);
  });

  it('refuses a proof-of-work attacker that is the only node (no honest node would mine), and a second attacker', () => {
    const pow = (nodes: number, attacks: string) => `name: s\nduration: 2s\nconsensus: { protocol: pow, nodes: ${nodes} }\nattacks:\n${attacks}`;
    const selfish = '  - { type: selfish-mining, share: 0.3 }\n';
    expect(issuesOf(pow(1, selfish))).toEqual([
      { source: 's.yaml:3:36', path: 'consensus.nodes', expected: 'at least 2 nodes with a proof-of-work attacker (attacks.0, selfish-mining, holds its share of the hash power and the honest nodes the rest, so at least one honest node must mine)', found: '1' },
    ]);
    expect(issuesOf(pow(2, selfish))).toEqual([]);
    expect(issuesOf(pow(4, `${selfish}  - { type: majority, node: 1, share: 0.6 }\n`))).toMatchObject([
      { path: 'attacks.1.type', expected: 'at most one proof-of-work attacker (a run has one withholding miner; attacks.0 is it)', found: "a second, 'majority'" },
    ]);
  });

  it('refuses a compromised gateway that neither drops nor delays: it would be labelled compromised and do nothing', () => {
    const hospital = readFileSync(new URL('../../scenarios/hospital.yaml', import.meta.url), 'utf8');
    const gateway = (fields: string) => issuesOf(`${hospital}\nattacks:\n  - { type: compromised-gateway, gateway: 0${fields} }\n`);
    const expected = 'a drop chance above 0, or a positive delay (with drop: 0 and delay: 0s the gateway drops and holds nothing, yet is labelled compromised)';
    expect(gateway(', drop: 0, delay: 0s')).toEqual([{ source: expect.stringMatching(/^s\.yaml:/), path: 'attacks.0.drop', expected, found: 'drop: 0 and delay: 0s' }]);
    expect(gateway('')).toMatchObject([{ path: 'attacks.0.drop', expected, found: 'neither drop nor delay' }]);
    expect(gateway(', drop: 0')).toMatchObject([{ path: 'attacks.0.drop', found: 'drop: 0 and no delay' }]);
    expect(gateway(', drop: 0.1')).toEqual([]);
    expect(gateway(', delay: 1s')).toEqual([]);
  });

  it("refuses a PoW attacker's node and a device attack's device that the world does not have, before anything runs", () => {
    expect(issuesOf(scenario('pow', '{ type: selfish-mining, share: 0.3, node: 4 }'))).toMatchObject([{ path: 'attacks.0.node', expected: 'a node index in 0..3', found: '4' }]);
    const hospital = readFileSync(new URL('../../scenarios/hospital.yaml', import.meta.url), 'utf8');
    // hospital.yaml: 1 hospital, 30 wards of 10 beds, 12 devices a bed: devices 0..3599.
    expect(issuesOf(`${hospital}\nattacks:\n  - { type: replay, devices: [3599, 3600] }\n`)).toMatchObject([{ path: 'attacks.0.devices.1', expected: 'a device number in 0..3599', found: '3600' }]);
  });
});

