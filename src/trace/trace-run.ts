/**
 * `iomtsim trace`: one replication of a scenario, run to the end of a window with a recorder on its
 * engine, turned into a Chrome trace-event file and a message-sequence chart of its first
 * decisions. The run is the same as `iomtsim run`'s replication with that seed (a tracer changes
 * nothing it hashes), cut at the window's end.
 */
import type { Scenario } from '../scenario/index.ts';
import { assembleWorld } from '../world/assemble.ts';
import { consensusConfiguration } from '../world/consensus.ts';
import { iomtConfiguration } from '../world/iomt.ts';
import { chromeTrace, type ChromeTrace, type TraceHost } from './chrome-trace.ts';
import { selectedHostIds, type HostSelection } from './host-selection.ts';
import { TraceRecorder } from './recorder.ts';
import { sequenceChartSvg } from './sequence-chart.ts';

export interface TraceRequest {
  readonly scenario: Scenario;
  readonly seed: number;
  readonly fromUs: number;
  readonly toUs: number;
  /**
   * Hosts to keep (a message is kept when either end is kept), checked against the world's hosts
   * before it runs; null: every host.
   */
  readonly hosts: HostSelection | null;
  /** Decisions the sequence chart shows. */
  readonly decisions: number;
}

export interface TraceOutput {
  readonly trace: ChromeTrace;
  readonly sequenceSvg: string;
  readonly hosts: readonly TraceHost[];
  readonly replicaHosts: readonly number[];
}

/** Why a scenario cannot be traced, or null. */
export function traceRefusal(scenario: Scenario): string | null {
  if (scenario.iomt === undefined && scenario.consensus.protocol === 'pow') {
    return 'a consensus or IoMT world (proof of work runs its own network model, src/protocols/pow/network-run.ts, which has no tracer yet)';
  }
  return null;
}

export function traceScenario(request: TraceRequest): TraceOutput {
  const { scenario, seed } = request;
  // Filled before the run starts: the number of hosts and the replicas are known only once the world is placed.
  const watched = request.hosts === null ? null : new Set<number>();
  const recorder = new TraceRecorder({ fromUs: request.fromUs, toUs: request.toUs, hosts: watched });
  const options = { observers: [recorder.observe] };
  const world = scenario.iomt !== undefined ? assembleWorld(scenario, iomtConfiguration(scenario, seed), options) : assembleWorld(scenario, consensusConfiguration(scenario, seed), options);
  const { engine } = world;
  const replicas = world.consortium.replicaHosts;
  if (request.hosts !== null) {
    for (const h of selectedHostIds(request.hosts, engine.hostCount, scenario.name)) watched!.add(h);
    if (request.hosts.replicas) for (const h of replicas) watched!.add(h);
  }
  engine.tracer = recorder;
  // The replication covers [0, duration) (Engine.runBefore); a window that ends sooner runs through its end.
  if (request.toUs < scenario.duration) engine.run(request.toUs);
  else engine.runBefore(scenario.duration);
  const clients = new Set(world.view.clientHosts);
  const hosts: TraceHost[] = [];
  for (let h = 0; h < engine.hostCount; h++) {
    const replica = replicas.indexOf(h);
    const label = replica >= 0 ? `replica ${replica}` : clients.has(h) ? `client ${h}` : `host ${h}`;
    hosts.push({ host: h, label, organisation: engine.network.regions[engine.network.regionOf(h)] ?? 'network' });
  }
  const title = `${scenario.name}: first ${request.decisions} decisions, ${world.consortium.protocol.title}, seed ${seed}`;
  const sequenceSvg = sequenceChartSvg(
    { lanes: replicas.map((h, i) => ({ host: h, label: `replica ${i}` })), flows: recorder.flows, commits: recorder.commits, decisions: request.decisions, fromUs: request.fromUs, toUs: Math.min(request.toUs, scenario.duration) },
    title,
  );
  const trace = chromeTrace(recorder, hosts, {
    scenario: scenario.name,
    seed,
    fromUs: request.fromUs,
    toUs: Math.min(request.toUs, scenario.duration),
    traceHash: engine.traceHash(),
    generator: 'iomtsim trace',
  });
  return { trace, sequenceSvg, hosts, replicaHosts: replicas };
}
