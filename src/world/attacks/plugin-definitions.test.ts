/**
 * An attack defined outside the registry's file works like an in-tree one once it is in the list a
 * plan is built from: the scenario schema built from that list accepts it, the plan checks its
 * targets and installs it, and a Byzantine one gets the generic proxy levers.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { runIomtWorld } from '../testing/run.ts';
import { smallIomtScenario } from '../testing/scenarios.ts';
import { InputError } from '../../scenario/errors.ts';
import { attackSchema, zAttack } from '../../scenario/sections/attacks.ts';
import { defineAttack, definitionProblems } from '../../attacks/definition.ts';
import { param, zOrdinal } from '../../attacks/params.ts';
import { ATTACK_REGISTRY } from '../../attacks/registry.ts';
import { isActive } from '../../attacks/window.ts';
import { toyWorld } from '../../attacks/testing/toy-world.ts';

/** Network kind: the replica's links to everyone are cut for the window (a one-replica blackout). */
const blackout = defineAttack({
  type: 'blackout',
  title: 'Blackout of one replica',
  category: 'network',
  targets: 'one replica',
  model: 'cuts every link of the replica at start',
  paramsSchema: z.object({ replica: param(zOrdinal, 'the replica that goes dark', 'replica index') }),
  outcomes: ['attack.max_commit_gap_ms'],
  checkTargets: (spec, sizes, issues) => issues.index('replica', spec.replica, sizes.replicas, 'a replica index'),
  install(spec, { world, truth }) {
    const dark = world.replicaHosts[spec.replica]!;
    world.engine.at(spec.start, () => {
      for (const h of world.replicaHosts) if (h !== dark) world.engine.network.cutLink(dark, h, true);
      truth.label('host', dark, 'blackout', 'dark', spec.start);
    });
  },
});

/** Byzantine kind: the replica withholds its votes (and only its votes) while active. */
const muteVotes = defineAttack({
  type: 'mute-votes',
  title: 'Withheld votes',
  category: 'consensus',
  targets: 'replicas',
  model: 'proxy drops every vote the replica sends',
  paramsSchema: z.object({ replicas: param(z.array(zOrdinal).min(1), 'replicas that withhold their votes', 'replica index list') }),
  outcomes: ['attack.max_commit_gap_ms'],
  faultyReplicas: (spec) => spec.replicas,
  byzantineBehaviour: (spec) => ({ mode: 'mute-votes', dropsOutgoing: (_to, msg, nowUs) => isActive(spec, nowUs) && (msg as { kind?: string }).kind === 'vote' }),
});

/** Device kind: marks every reading of its devices, to count what the gateways saw of them. */
const tagged = defineAttack({
  type: 'tagged',
  title: 'Tagged readings',
  category: 'device',
  targets: 'devices',
  model: 'device proxy marks every reading of the device',
  paramsSchema: z.object({ devices: param(z.array(zOrdinal).min(1), 'devices whose readings are marked', 'device number list') }),
  outcomes: ['attack.tagged_accepted'],
  device: {
    plan: (specs, env) => ({
      deviceBehaviour: (device) => (specs.some(({ spec }) => spec.devices.includes(device)) ? { alter: (m, proxy) => { proxy.labels.mark(m, 'tagged'); return undefined; } } : undefined),
      outcomes: () => env.labels.metrics('tagged', 'attack.tagged'),
    }),
  },
});

const registry = [...ATTACK_REGISTRY, blackout, muteVotes, tagged];

describe('an attack definition added to a registry', () => {
  it('meets the definition contract', () => {
    for (const d of [blackout, muteVotes, tagged]) expect(definitionProblems(d)).toEqual([]);
    expect(definitionProblems({ ...blackout, install: undefined })).toEqual([
      "exactly one of 'byzantineBehaviour', 'install', 'device', 'powAttack' (found none)",
    ]);
  });

  it("is accepted by the schema built from that registry, and only by it", () => {
    const parsed = z.array(attackSchema(registry)).parse([{ type: 'blackout', start: '50ms', replica: 2 }]);
    expect(parsed).toEqual([{ type: 'blackout', start: 50_000, replica: 2 }]);
    expect(zAttack.safeParse({ type: 'blackout', replica: 2 }).success).toBe(false);
  });

  it('has its targets checked and is installed by the plan', () => {
    expect(() => toyWorld(4, [{ type: 'blackout', replica: 7 }], { registry })).toThrow(InputError);
    const w = toyWorld(4, [{ type: 'blackout', start: '50ms', replica: 0 }], { registry });
    w.engine.run(200_000);
    expect(w.plan.truth.all('host', 'dark').map((l) => l.id)).toEqual([w.replicaHosts[0]]);
    // The toy leader is replica 0: dark, it proposes nothing that arrives, so nothing commits after.
    expect(w.commits.filter((c) => c.timeUs > 60_000)).toEqual([]);
  });

  it('runs a Byzantine behaviour through the generic proxy', () => {
    const w = toyWorld(4, [{ type: 'mute-votes', replicas: [1, 2] }], { registry });
    w.engine.run(100_000);
    expect(w.plan.byzantineReplicas()).toEqual([1, 2]);
    expect(w.plan.truth.all('host', 'byzantine-replica').map((l) => l.attack)).toEqual(['mute-votes', 'mute-votes']);
    // Two of four withhold their votes: the other two never make a quorum of three.
    expect(w.commits).toEqual([]);
  });

  it('wires a device behaviour and reports its outcome in an IoMT world', () => {
    const scenario = smallIomtScenario({}, { duration: '30s' });
    const attacks = z.array(attackSchema(registry)).parse([{ type: 'tagged', devices: [0, 1] }]);
    const out = runIomtWorld({ ...scenario, attacks: attacks as never }, 1, { registry });
    expect(out.metrics['attack.tagged_sent']!.value).toBeGreaterThan(0);
    expect(out.metrics['attack.tagged_accepted']!.value).toBeGreaterThan(0);
    expect(out.metrics['attack.tagged_accepted']!.value).toBeLessThanOrEqual(out.metrics['attack.tagged_arrived']!.value);
  });
});
