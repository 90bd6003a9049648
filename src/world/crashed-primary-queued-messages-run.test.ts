/**
 * A primary that crashes under load loses the messages its queued work would have sent: what had
 * not left it at the crash never reaches a backup (sim/engine.ts, "Crashes"; the crash attack
 * documents queued work and messages as lost), and the network metrics do not count them as sent
 * (sim/network.ts: sent is what left the sender's uplink).
 */
import { describe, expect, it } from 'vitest';
import type { HostId } from '../../sim/index.ts';
import { runConsensusWorld } from './testing/run.ts';
import { consensusScenario } from './testing/scenarios.ts';

const CRASH_US = 1_000_000;

describe('a PBFT primary crashed with work queued', () => {
  it.each([4, 5])('sends none of the messages that would have left it after the crash (n = %i)', (nodes) => {
    // 20,000 tx/s from 8 clients keeps the primary's processor busy past the crash at 1 s.
    const scenario = consensusScenario({
      duration: '1.2s',
      warmup: '500ms',
      network: { latency: { kind: 'fixed', value: '10ms' } },
      consensus: { protocol: 'pbft', nodes, batchSize: 10, batchTimeout: '200ms' },
      workload: { rateTps: 20_000, clients: 8 },
      attacks: [{ type: 'crash', start: '1s', replicas: [0] }],
    } as never);
    let primary: HostId = -1;
    // The sends of the primary that leave it after the crash, by send key.
    const leftAfterCrash = new Set<number>();
    let handled = 0;
    runConsensusWorld(scenario, 1, {
      setup: (world) => {
        primary = world.replicaHosts[0]!;
        world.engine.tracer = {
          sent: (from, _to, _msg, _size, _sentUs, departUs, _arrivalUs, sendKey) => void (from === primary && departUs > CRASH_US && leftAfterCrash.add(sendKey)),
          handled: (_host, kind, _t, _busy, _from, _msg, sendKey) => void (kind === 'deliver' && leftAfterCrash.has(sendKey) && handled++),
          crashed: () => {},
        };
      },
    });
    expect(leftAfterCrash.size).toBeGreaterThan(10);
    expect(handled).toBe(0);
  });

  it.each([4, 5])('counts as sent only the messages and bytes that left the replicas, not what the crashed primary never sent (n = %i)', (nodes) => {
    const scenario = consensusScenario({
      duration: '1.2s',
      warmup: '0s',
      // Links too fast to queue: a message leaves when its sender's processor is free (departUs).
      network: { latency: { kind: 'fixed', value: '10ms' }, upload: '1e15bps', download: '1e15bps' },
      consensus: { protocol: 'pbft', nodes, batchSize: 10, batchTimeout: '200ms' },
      workload: { rateTps: 20_000, clients: 8 },
      attacks: [{ type: 'crash', start: '1s', replicas: [0] }],
    } as never);
    let replicas = new Set<HostId>();
    let primary: HostId = -1;
    let left = 0, leftBytes = 0, neverLeft = 0;
    const { metrics } = runConsensusWorld(scenario, 1, {
      setup: (world) => {
        replicas = new Set(world.replicaHosts);
        primary = world.replicaHosts[0]!;
        world.engine.tracer = {
          sent: (from, _to, _msg, sizeBytes, _sentUs, departUs) => {
            if (!replicas.has(from)) return;
            if (from === primary && departUs > CRASH_US) neverLeft++;
            else {
              left++;
              leftBytes += sizeBytes;
            }
          },
          handled: () => {},
          crashed: () => {},
        };
      },
    });
    expect(neverLeft).toBeGreaterThan(10);
    expect(metrics['network.messages_per_node']!.value * nodes).toBe(left);
    expect(metrics['network.bytes_per_node']!.value * nodes).toBe(leftBytes);
  });
});
