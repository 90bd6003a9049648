import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { defineProtocol } from '../../protocols/definition.ts';
import { PROTOCOLS } from '../../protocols/index.ts';
import { raft } from '../../protocols/raft/index.ts';
import { InputError, formatIssue, loadScenarioText } from '../index.ts';
import { zPositiveDurationUs } from '../zod-units.ts';
import { consensusSchema, zConsensus } from './consensus.ts';

/** A protocol that exists only in this test: registering it is all the scenario needs. */
const toy = defineProtocol({
  name: 'unregistered-toy',
  title: 'Toy protocol',
  reference: 'this test',
  paramsSchema: z.object({ tick: zPositiveDurationUs.default(1_000).describe('How often the toy ticks.') }).strict(),
  faultModel: raft.faultModel,
  messageKinds: ['toy-tick'],
  createReplica: () => {
    throw new Error('the toy protocol only exists to be parsed');
  },
});

function messages(text: string): string[] {
  try {
    loadScenarioText('t.yaml', text);
  } catch (err) {
    if (err instanceof InputError) return err.issues.map(formatIssue);
    throw err;
  }
  throw new Error('expected an InputError, nothing was thrown');
}

describe('the consensus section, derived from the protocol registry', () => {
  it('accepts a protocol added to the registry, with its parameter block in base units', () => {
    const schema = consensusSchema([...PROTOCOLS, toy]);
    const c = schema.parse({ protocol: 'unregistered-toy', 'unregistered-toy': { tick: '5ms' } });
    expect(c.protocol).toBe('unregistered-toy');
    expect(c['unregistered-toy']).toEqual({ tick: 5_000 });
    expect(schema.parse({})['unregistered-toy']).toEqual(toy.defaults);
    expect(zConsensus.safeParse({ protocol: 'unregistered-toy' }).success).toBe(false);
  });

  it('defaults every block to its protocol definition’s defaults', () => {
    const c = zConsensus.parse({}) as Record<string, unknown>;
    for (const p of PROTOCOLS) expect(c[p.name], p.name).toEqual(p.defaults);
  });

  it('reports a rule between two parameters at the field path, as expected and found', () => {
    const text = (block: string) => `name: t\nduration: 1s\nconsensus:\n  protocol: raft\n  nodes: 3\n  ${block}\n`;
    expect(messages(text('raft: { electionTimeoutMin: 300ms, electionTimeoutMax: 150ms }'))).toEqual([
      't.yaml:6:58: consensus.raft.electionTimeoutMax: expected a duration ≥ electionTimeoutMin (300000 µs), found 150000 µs',
    ]);
    expect(messages(text('pbft: { checkpointInterval: 128, logWindow: 64 }'))[0]).toMatch(/^t\.yaml:6:\d+: consensus\.pbft\.logWindow: expected at least checkpointInterval \(128\), found 64$/);
  });
});
