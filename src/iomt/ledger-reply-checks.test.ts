/**
 * Every ledger client of the IoMT world (a gateway, a clinician, a researcher, a patient portal)
 * checks, on its own host, each consensus reply it counts towards a confirmation, as a load client
 * does (src/world/client-reply-checks-run.test.ts): one MAC for each of the f + 1 replies that
 * confirm a PBFT transaction (Castro & Liskov 1999, §4.1, §5), and none that a replica sends in
 * another's name.
 */
import { describe, expect, it } from 'vitest';
import { forwardingContext, type ActorContext, type ActorFactory } from '../../sim/index.ts';
import { DEFAULT_CRYPTO_COSTS } from '../ledger/index.ts';
import type { WrapReplica } from '../protocols/consortium/placement.ts';
import type { ProtocolDefinition } from '../protocols/definition.ts';
import { pbft } from '../protocols/pbft/index.ts';
import type { ConfirmedEvent, ReplyMessage } from '../protocols/types.ts';
import { smallWorldConfig } from './testing/small-world.ts';
import { IomtWorld } from './world.ts';

const ROLES = ['gateway', 'clinician', 'researcher', 'portal'] as const;

/** Whole µs, so that each host's charges add up exactly. */
const COSTS = { ...DEFAULT_CRYPTO_COSTS, macUs: 3 };

/** PBFT whose replies its clients take unchecked: the same replicas, the same replies. */
const pbftUncheckedReplies: ProtocolDefinition = { ...pbft, replyAuthentication: () => 'none' };

interface ClientWork {
  readonly role: string;
  readonly busyUs: number;
  readonly confirmed: number;
}

/** The Byzantine replica of `forgingReplica`. */
const FORGER = 1;

/**
 * Replica FORGER of `nodes` sends each of its replies in the name of another replica, in turn, with
 * a block hash of its own making: a client that counted one would check it and hold it against a
 * block no honest replica reported. The consortium's nodes are the world's first hosts, replica i
 * on host i.
 */
function forgingReplica(nodes: number): WrapReplica {
  return <M>(index: number, factory: ActorFactory<M>): ActorFactory<M> => {
    if (index !== FORGER) return factory;
    let forged = 0;
    return (ctx: ActorContext<M>) => factory(forwardingContext(ctx, {
      send: (to, msg, sizeBytes) => {
        const r = msg as unknown as ReplyMessage;
        if (r.kind !== 'reply') return ctx.send(to, msg, sizeBytes);
        const named = (FORGER + 1 + (forged++ % (nodes - 1))) % nodes;
        ctx.send(to, { ...r, replica: named, blockHash: 'f'.repeat(64) } as M, sizeBytes);
      },
    }));
  };
}

/** Processor time and confirmed transactions of each host of `ROLES`, by host, in a small world of `nodes` PBFT replicas. */
function clientWork(protocol: ProtocolDefinition, nodes: number, wrapReplica?: WrapReplica): Map<number, ClientWork> {
  const consortium = { nodesPerHospital: nodes - 3, lab: 1, insurer: 1, regulator: 1 };
  const w = new IomtWorld(smallWorldConfig(protocol, { durationUs: 120_000_000, cryptoCosts: COSTS, consortium, ...(wrapReplica === undefined ? {} : { wrapReplica }) }));
  const clients = w.topology.hostRoles.flatMap((role, host) => ((ROLES as readonly string[]).includes(role) ? [host] : []));
  const confirmed = new Map(clients.map((h) => [h, 0]));
  w.engine.observe((host, event) => {
    if ((event as ConfirmedEvent).kind === 'confirmed' && confirmed.has(host)) confirmed.set(host, confirmed.get(host)! + 1);
  });
  w.run();
  return new Map(clients.map((h) => [h, { role: w.topology.hostRoles[h]!, busyUs: w.engine.cpuBusyUs(h), confirmed: confirmed.get(h)! }]));
}

/**
 * Each client host of `ROLES` is busy one MAC longer, in `checked` than in `unchecked` (the same
 * world with replies taken unchecked), for each of the f + 1 replies that confirm each of its
 * transactions, and no longer.
 */
function expectFPlusOneChecksEach(checked: Map<number, ClientWork>, unchecked: Map<number, ClientWork>, f: number): void {
  for (const role of ROLES) {
    const hosts = [...checked.keys()].filter((h) => checked.get(h)!.role === role);
    expect(hosts.length, role).toBeGreaterThan(0);
    const confirmed = hosts.reduce((sum, h) => sum + checked.get(h)!.confirmed, 0);
    expect(confirmed, role).toBeGreaterThan(0);
    for (const h of hosts) {
      const c = checked.get(h)!;
      expect(c.confirmed, `${role} ${h}`).toBe(unchecked.get(h)!.confirmed);
      expect(c.busyUs - unchecked.get(h)!.busyUs, `${role} ${h}`).toBeCloseTo(c.confirmed * (f + 1) * COSTS.macUs, 6);
    }
  }
}

describe("IoMT ledger clients' checks of the replies they count", () => {
  it.each([4, 6, 7])('PBFT at n = %i: each client host is busy one MAC longer for each of the f + 1 replies that confirm each of its transactions', (nodes) => {
    expectFPlusOneChecksEach(clientWork(pbft, nodes), clientWork(pbftUncheckedReplies, nodes), Math.floor((nodes - 1) / 3));
  });

  it.each([4, 5])('PBFT at n = %i: a replica answering in other replicas\' names is neither counted nor checked, as the load client drops it', (nodes) => {
    const forging = forgingReplica(nodes);
    expectFPlusOneChecksEach(clientWork(pbft, nodes, forging), clientWork(pbftUncheckedReplies, nodes, forging), Math.floor((nodes - 1) / 3));
  });
});
