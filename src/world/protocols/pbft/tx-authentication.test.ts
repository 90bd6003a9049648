/**
 * PBFT checks each transaction once per replica (src/ledger/tx-authentication.ts): the primary when
 * it cuts the batch (the admission checks of its requests, across the cores), a backup in the
 * pre-prepare, and nobody again when a request is re-sent or a new view proposes it again. With
 * every other cost free (MAC authenticators, hashes), a replica's CPU busy time is exactly
 * (transactions it checked) · verifyUs.
 */
import { describe, expect, it } from 'vitest';
import type { HostId, ModelEvent } from '../../../../sim/index.ts';
import { ZERO_CRYPTO_COSTS } from '../../../ledger/crypto.ts';
import type { TxAuth } from '../../../ledger/tx-authentication.ts';
import { pbft } from '../../../protocols/pbft/index.ts';
import type { CommitEvent } from '../../../protocols/types.ts';
import { checkedTxs, spiedProtocol } from '../../../protocols/testing/cpu-spy.ts';
import { assembleWorld } from '../../assemble.ts';
import { consensusConfiguration } from '../../consensus.ts';
import { consensusScenario } from '../../testing/scenarios.ts';

const TXS = 10;
const BATCH = 5;
const VERIFY_US = 90;

function run(txAuth: TxAuth, requestTimeout: string) {
  const scenario = consensusScenario({
    duration: '2s',
    network: { latency: { kind: 'fixed', value: '10ms' }, upload: '1e15bps', download: '1e15bps' },
    consensus: { nodes: 4, batchSize: BATCH, cryptoCosts: { ...ZERO_CRYPTO_COSTS, verifyUs: VERIFY_US } },
    // TXS requests in 10 ms, so the primary cuts two full batches.
    workload: { clients: 1, arrival: 'periodic', rateTps: 1_000, stopAfter: `${TXS + 0.5}ms`, requestTimeout, giveUpAfter: '10s' },
  });
  const spied = spiedProtocol(pbft, txAuth);
  const world = assembleWorld(scenario, consensusConfiguration(scenario, 1, { protocol: spied.protocol }));
  const out = world.run();
  expect(out.metrics['consensus.confirmed_txs']!.value).toBe(TXS);
  return { busyUs: world.consortium.replicaHosts.map((h) => world.engine.cpuBusyUs(h)), logs: spied.logs };
}

describe('PBFT transaction checks', () => {
  it('charges each replica exactly TXS · verifyUs, one parallel batch per pre-prepared batch', () => {
    const { busyUs, logs } = run('signature', '2s');
    for (let i = 0; i < 4; i++) {
      expect(busyUs[i]).toBe(TXS * VERIFY_US);
      expect(checkedTxs(logs[i]!)).toBe(TXS);
      expect(logs[i]!.parallel).toEqual(Array(TXS / BATCH).fill({ jobs: BATCH, costUsEach: VERIFY_US }));
    }
  });

  it('checks a request once per replica although the client rebroadcasts it and backups relay it', () => {
    // A 1 ms request timeout rebroadcasts every request to every replica until it commits.
    const { busyUs, logs } = run('signature', '1ms');
    for (let i = 0; i < 4; i++) {
      expect(busyUs[i]).toBe(TXS * VERIFY_US);
      expect(checkedTxs(logs[i]!)).toBe(TXS);
    }
  });

  it('does not check again the requests a new view proposes again after the primary crashed', () => {
    // Transactions carry MACs here, so their checks (MAC_US each) are told apart from the view
    // change's certificate signatures (VERIFY_US each), which are parallel work too.
    const MAC_US = 7;
    const scenario = consensusScenario({
      duration: '8s',
      network: { latency: { kind: 'uniform', min: '2ms', max: '12ms' } },
      consensus: { nodes: 4, batchSize: BATCH, batchTimeout: '50ms', pbft: { viewChangeTimeout: '500ms' }, cryptoCosts: { ...ZERO_CRYPTO_COSTS, verifyUs: VERIFY_US, macUs: MAC_US } },
      workload: { clients: 2, rateTps: 200, requestTimeout: '1s', stopAfter: '4s' },
    });
    const spied = spiedProtocol(pbft, 'mac');
    const committed = new Map<HostId, Set<number>>();
    let viewChanges = 0;
    const observer = (host: HostId, e: ModelEvent) => {
      if (e.kind === 'view-change') viewChanges++;
      if (e.kind !== 'commit') return;
      let ids = committed.get(host);
      if (ids === undefined) committed.set(host, (ids = new Set()));
      for (const tx of (e as CommitEvent).block.txs) ids.add(tx.id);
    };
    const w = assembleWorld(scenario, consensusConfiguration(scenario, 1, { protocol: spied.protocol }), {
      observers: [observer],
      setup: (view) => view.engine.at(2_000_000, () => view.engine.crash(view.replicaHosts[0]!)),
    });
    expect(w.run().checks.filter((c) => !c.passed)).toEqual([]);
    expect(viewChanges).toBeGreaterThan(0);
    // Every backup checked exactly the requests it committed: none twice across the two views.
    for (let i = 1; i < 4; i++) expect(checkedTxs(spied.logs[i]!, MAC_US)).toBe(committed.get(w.consortium.replicaHosts[i]!)!.size);
  });

  it('charges nothing with txAuth none', () => {
    const { busyUs, logs } = run('none', '2s');
    for (let i = 0; i < 4; i++) {
      expect(busyUs[i]).toBe(0);
      expect(logs[i]!.parallel).toEqual([]);
    }
  });
});
