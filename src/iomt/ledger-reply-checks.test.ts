/**
 * Every ledger client of the IoMT world (a gateway, a clinician, a researcher, a patient portal)
 * checks, on its own host, each consensus reply it counts towards a confirmation, as a load client
 * does (src/world/client-reply-checks-run.test.ts): one MAC for each of the f + 1 replies that
 * confirm a PBFT transaction (Castro & Liskov 1999, §4.1, §5).
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_CRYPTO_COSTS } from '../ledger/index.ts';
import type { ProtocolDefinition } from '../protocols/definition.ts';
import { pbft } from '../protocols/pbft/index.ts';
import type { ConfirmedEvent } from '../protocols/types.ts';
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

/** Processor time and confirmed transactions of each host of `ROLES`, by host, in a small world of `nodes` PBFT replicas. */
function clientWork(protocol: ProtocolDefinition, nodes: number): Map<number, ClientWork> {
  const consortium = { nodesPerHospital: nodes - 3, lab: 1, insurer: 1, regulator: 1 };
  const w = new IomtWorld(smallWorldConfig(protocol, { durationUs: 120_000_000, cryptoCosts: COSTS, consortium }));
  const clients = w.topology.hostRoles.flatMap((role, host) => ((ROLES as readonly string[]).includes(role) ? [host] : []));
  const confirmed = new Map(clients.map((h) => [h, 0]));
  w.engine.observe((host, event) => {
    if ((event as ConfirmedEvent).kind === 'confirmed' && confirmed.has(host)) confirmed.set(host, confirmed.get(host)! + 1);
  });
  w.run();
  return new Map(clients.map((h) => [h, { role: w.topology.hostRoles[h]!, busyUs: w.engine.cpuBusyUs(h), confirmed: confirmed.get(h)! }]));
}

describe("IoMT ledger clients' checks of the replies they count", () => {
  it.each([4, 6, 7])('PBFT at n = %i: each client host is busy one MAC longer for each of the f + 1 replies that confirm each of its transactions', (nodes) => {
    const f = Math.floor((nodes - 1) / 3);
    const checked = clientWork(pbft, nodes);
    const unchecked = clientWork(pbftUncheckedReplies, nodes);
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
  });
});
