/**
 * The consensus-only configuration of a world: `consensus.nodes` replicas of the scenario's
 * protocol placed over the scenario's network regions, and `workload.clients` load clients offering
 * Poisson (or periodic) load; the protocol's own collector adds its metrics.
 */
import { Engine, type HostId, type PartitionPlan } from '../../sim/index.ts';
import { DEFAULT_CRYPTO_COSTS, KeyRing, type CryptoCosts } from '../ledger/crypto.ts';
import { LoadClient } from '../protocols/client/client.ts';
import { protocolIn, registriesFor } from '../plugins/registries.ts';
import type { ReplicatedApplication } from '../protocols/types.ts';
import type { ProtocolDefinition } from '../protocols/definition.ts';
import type { Scenario } from '../scenario/schema.ts';
import { replicaSettings } from '../scenario/sections/consensus.ts';
import type { WorldConfiguration } from './assemble.ts';
import { networkConfig, placement } from './network.ts';
import { placeConsortium, type ReplicaDeployment } from '../protocols/consortium/placement.ts';
import type { ConsensusWorld } from './types.ts';

export interface ConsensusWorldOptions {
  /** Use this module instead of the scenario's protocol (broken variants in checker tests). */
  readonly protocol?: ProtocolDefinition;
  /** The application replica i executes; none by default (synthetic load). */
  readonly applicationFor?: (replicaIndex: number) => ReplicatedApplication;
  /** Overrides the scenario's cost table. */
  readonly cryptoCosts?: CryptoCosts;
  /** Run one partition of the hosts (src/world/threads/). */
  readonly partition?: PartitionPlan;
}

export function consensusConfiguration(scenario: Scenario, seed: number, options: ConsensusWorldOptions = {}): WorldConfiguration<ConsensusWorld> {
  const c = scenario.consensus;
  const protocol = options.protocol ?? protocolIn(registriesFor(scenario.plugins), c.protocol);
  if (protocol === undefined) throw new RangeError(`consensus.protocol: expected a registered protocol, found '${c.protocol}' (not implemented yet)`);
  return {
    protocol,
    sizes: { replicas: c.nodes, clients: scenario.workload.clients },
    build(wrapReplica) {
      const engine = new Engine({ seed, network: networkConfig(scenario.network), ...(options.partition === undefined ? {} : { partition: options.partition }) });
      const settings = replicaSettings(c, protocol);
      const costs = options.cryptoCosts ?? c.cryptoCosts ?? DEFAULT_CRYPTO_COSTS;
      const consortium = placeConsortium(engine, {
        protocol,
        places: Array.from({ length: c.nodes }, (_, i) => ({ placement: placement(scenario.network, i, c.nodes), streamName: `replica:${i}` })),
        cores: c.cores,
        settings,
        batchSize: c.batchSize,
        batchTimeoutUs: c.batchTimeout,
        blockSizeMaxBytes: c.blockSizeMax,
        costs,
        keyRing: new KeyRing(c.crypto, engine.rng.seed, { portable: options.partition !== undefined }),
        ...(options.applicationFor === undefined ? {} : { applicationFor: options.applicationFor }),
        wrapReplica,
      });
      const clientHosts = placeLoadClients(engine, scenario, consortium);
      const collector = protocol.createCollector?.(c.nodes);
      return {
        engine,
        consortium,
        clientHosts,
        subject: (view) => view,
        // The clients this engine runs (a partition's share, in a split run).
        futureSubmissionsBound: (toUs) => clientHosts.reduce((sum, h) => (engine.runsHost(h) ? sum + engine.actor<LoadClient>(h).futureArrivalsUntil(toUs) : sum), 0),
        observe: () => { if (collector !== undefined) engine.observe(collector.observe); },
        finish: () => ({ metrics: collector?.metrics(engine.nowUs) ?? {}, checks: [], distributions: {} }),
      };
    },
  };
}

/** workload.giveUpAfter's default, in request timeouts (docs/references.md §10). */
const GIVE_UP_AFTER_REQUEST_TIMEOUTS = 5;

/** Places `workload.clients` load clients sharing `workload.rateTps`; returns their hosts. */
function placeLoadClients(engine: Engine, scenario: Scenario, ledger: ReplicaDeployment): HostId[] {
  const w = scenario.workload;
  const hosts: HostId[] = [];
  for (let k = 0; k < w.clients; k++) {
    const h = engine.addHost(
      placement(scenario.network, k, w.clients),
      (ctx) => new LoadClient(ctx, {
        replicaHosts: ledger.replicaHosts,
        repliesNeeded: ledger.repliesNeeded,
        requests: ledger.protocol.clientRequests,
        // Where any replica takes requests, client k starts at replica k mod n (request-target.ts).
        home: ledger.replicaHosts[k % ledger.replicaHosts.length]!,
        rateTps: w.rateTps / w.clients,
        arrival: w.arrival,
        outstandingMax: w.outstandingPerClient,
        txSizeBytes: w.txSize,
        requestTimeoutUs: w.requestTimeout,
        backoffFactor: w.retryBackoff,
        retryIntervalMaxUs: w.retryIntervalMax,
        giveUpAfterUs: w.giveUpAfter ?? GIVE_UP_AFTER_REQUEST_TIMEOUTS * w.requestTimeout,
        stopAtUs: w.stopAfter ?? Infinity,
        replyVerifyUs: ledger.replyVerifyUs,
      }),
      `client:${k}`,
    );
    hosts.push(h);
  }
  return hosts;
}
