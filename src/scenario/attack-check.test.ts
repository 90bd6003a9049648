/** The load-time attack check: message kinds against the scenario's protocol, targets against its sizes. */
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

  it('refuses a client index beyond the workload, naming where it was written', () => {
    expect(issuesOf(scenario('pbft', '{ type: censorship, replicas: [0], clients: [0, 9] }') + 'workload: { clients: 2 }\n')).toEqual([
      { source: 's.yaml:5:53', path: 'attacks.0.clients.1', expected: 'a client index in 0..1', found: '9' },
    ]);
  });
});
