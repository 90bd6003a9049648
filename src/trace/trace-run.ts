/**
 * `iomtsim trace`: one replication of a scenario, run to the end of a window with a recorder on its
 * engine, turned into a Chrome trace-event file and a message-sequence chart of its first
 * decisions. The run is the same as `iomtsim run`'s replication with that seed (a tracer changes
 * nothing it hashes), cut at the window's end: a trace to T is the run of duration T.
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
  readonly counts: TraceCounts;
}

/** What the trace file holds, for the command's summary line. */
export interface TraceCounts {
  /** Processor slices (`X`, category cpu). */
  readonly cpuSlices: number;
  /** Zero-length send marks: one per message kept, those sent before the window and delivered in it included. */
  readonly sendMarks: number;
  /** Messages kept that were sent in the window. */
  readonly messagesSent: number;
  /** Messages kept that were handled by their receiver in the window (each an arrow). */
  readonly messagesDelivered: number;
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
  // The replication covers [0, duration) (Engine.runBefore); a window past its end is cut there, so
  // that the recorder's window is the run's.
  const toUs = Math.min(request.toUs, scenario.duration);
  // Filled before the run starts: the number of hosts and the replicas are known only once the world is placed.
  const watched = request.hosts === null ? null : new Set<number>();
  const chartHosts = new Set<number>();
  const recorder = new TraceRecorder({ fromUs: request.fromUs, toUs, hosts: watched, chartHosts });
  const options = { observers: [recorder.observe] };
  const world = scenario.iomt !== undefined ? assembleWorld(scenario, iomtConfiguration(scenario, seed), options) : assembleWorld(scenario, consensusConfiguration(scenario, seed), options);
  const { engine } = world;
  const replicas = world.consortium.replicaHosts;
  for (const h of replicas) chartHosts.add(h);
  if (request.hosts !== null) {
    for (const h of selectedHostIds(request.hosts, engine.hostCount, scenario.name)) watched!.add(h);
    if (request.hosts.replicas) for (const h of replicas) watched!.add(h);
  }
  engine.tracer = recorder;
  engine.runBefore(toUs);
  const clients = new Set(world.view.clientHosts);
  const hosts: TraceHost[] = [];
  for (let h = 0; h < engine.hostCount; h++) {
    const replica = replicas.indexOf(h);
    const label = replica >= 0 ? `replica ${replica}` : clients.has(h) ? `client ${h}` : `host ${h}`;
    hosts.push({ host: h, label, organisation: engine.network.regions[engine.network.regionOf(h)] ?? 'network' });
  }
  const sequenceSvg = sequenceChartSvg(
    { lanes: replicas.map((h, i) => ({ host: h, label: `replica ${i}` })), flows: recorder.chartFlows, commits: recorder.commits, decisions: request.decisions, fromUs: request.fromUs, toUs },
    `${scenario.name}, ${world.consortium.protocol.title}, seed ${seed}`,
  );
  const trace = chromeTrace(recorder, hosts, {
    scenario: scenario.name,
    seed,
    fromUs: request.fromUs,
    toUs,
    traceHash: engine.traceHash(),
    generator: 'iomtsim trace',
  });
  const counts: TraceCounts = {
    cpuSlices: recorder.slices.length,
    sendMarks: recorder.flows.length,
    messagesSent: recorder.flows.filter((f) => f.sentUs >= request.fromUs).length,
    messagesDelivered: recorder.flows.filter((f) => f.deliverUs !== null).length,
  };
  return { trace, sequenceSvg, hosts, replicaHosts: replicas, counts };
}
