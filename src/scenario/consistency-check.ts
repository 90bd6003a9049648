/**
 * Cross-field rules zod's per-field schema cannot state. Each issue names the field to blame, so
 * the loader reports it like any other bad input (file:line:col, path, expected, found; exit 2).
 */
import { BLOCK_HEADER_BYTES, blockTxBytesMax } from '../ledger/block.ts';
import { IN_TREE_REGISTRIES, protocolIn, type Registries } from '../plugins/registries.ts';
import type { Scenario } from './schema.ts';
import { consortiumSeats, type IomtSection } from './sections/iomt.ts';
import type { ScenarioFaultIssue } from './fault-model-check.ts';
import { largestIomtTransaction } from './iomt-tx-bytes.ts';

function seconds(us: number): string {
  return `${us / 1_000_000} s`;
}

/** Fields a world would ignore, as written (before defaults): each kept one passes, the rest are refused. */
interface IgnoredFields {
  readonly section: string;
  readonly kept: (key: string, value: unknown) => boolean;
  readonly expected: string;
}

/**
 * What an IoMT world ignores: it places no synthetic load clients (its ledger load is the devices',
 * gateways', clinicians' and researchers'), and its links are iomt.links, so of `network:` it reads
 * only loss, receiveQueueing and queueLimit. `rateTps: 0`, which the bundled IoMT scenarios write, says there
 * is no synthetic load.
 */
const IOMT_IGNORED: readonly IgnoredFields[] = [
  {
    section: 'workload',
    kept: (key, value) => key === 'rateTps' && value === 0,
    expected: 'no synthetic load in an IoMT scenario (its ledger load comes from the devices, gateways, clinicians and researchers under iomt:, and no load client is placed), so no workload field but rateTps: 0',
  },
  {
    section: 'network',
    kept: (key) => key === 'loss' || key === 'receiveQueueing' || key === 'queueLimit',
    expected: "only loss, receiveQueueing and queueLimit in an IoMT scenario's network section (its latencies and bandwidths are iomt.links)",
  },
];

/**
 * What a proof-of-work run ignores: it places no load client and fills every block with synthetic
 * transactions of consensus.pow.txSize (src/runner/models/pow.ts, docs/pow.md).
 */
const POW_IGNORED: readonly IgnoredFields[] = [
  {
    section: 'workload',
    kept: () => false,
    expected: 'no workload in a proof-of-work scenario (no load client is placed: every block is filled with synthetic transactions of consensus.pow.txSize, so its throughput follows from blockSize and blockInterval)',
  },
];

function ignoredFieldIssues(written: Record<string, unknown>, rules: readonly IgnoredFields[]): ScenarioFaultIssue[] {
  return rules.flatMap(({ section, kept, expected }) => {
    const fields = written[section];
    if (fields === null || typeof fields !== 'object' || Array.isArray(fields)) return [];
    return Object.entries(fields as Record<string, unknown>)
      .filter(([key, value]) => !kept(key, value))
      .map(([key, value]) => ({ path: [section, key], expected, found: typeof value === 'string' ? value : JSON.stringify(value) }));
  });
}

/** A `consensus.mempool` written for a protocol whose replicas keep no such pool (its definition's `withoutMempool`). */
function unusedMempoolIssues(scenario: Scenario, written: Record<string, unknown>, registries: Registries): ScenarioFaultIssue[] {
  const consensus = written['consensus'];
  if (consensus === null || typeof consensus !== 'object' || !('mempool' in consensus)) return [];
  const protocol = scenario.consensus.protocol;
  const why = typeof protocol === 'string' ? protocolIn(registries, protocol)?.withoutMempool : undefined;
  if (why === undefined) return [];
  const mempool = (consensus as Record<string, unknown>)['mempool'];
  const expected = `no consensus.mempool with protocol ${protocol} (${why})`;
  if (mempool === null || typeof mempool !== 'object' || Array.isArray(mempool)) return [{ path: ['consensus', 'mempool'], expected, found: JSON.stringify(mempool) }];
  // One issue per field written, so each names where it was written (a line, or its --set).
  return Object.entries(mempool).map(([key, value]) => ({ path: ['consensus', 'mempool', key], expected, found: typeof value === 'string' ? value : JSON.stringify(value) }));
}

/**
 * An IoMT world on a protocol whose replicas execute nothing (its definition's `withoutApplication`):
 * no contract would run, and the world would report no on-chain work as if it had measured it.
 */
function iomtProtocolIssues(scenario: Scenario, registries: Registries): ScenarioFaultIssue[] {
  const protocol = scenario.consensus.protocol;
  const why = protocolIn(registries, protocol)?.withoutApplication;
  if (scenario.iomt === undefined || why === undefined) return [];
  const executing = registries.protocols.filter((p) => p.withoutApplication === undefined).map((p) => p.name);
  return [{
    path: ['consensus', 'protocol'],
    expected: `a protocol whose replicas execute the IoMT contracts, one of ${executing.join(', ')} (${protocol}: ${why})`,
    found: `'${protocol}'`,
  }];
}

/** Whether the scenario as written (its files and --set flags) gives `section.key`. */
function writes(written: Record<string, unknown>, section: string, key: string): boolean {
  const fields = written[section];
  return fields !== null && typeof fields === 'object' && key in fields;
}

/**
 * A block of consensus.blockSizeMax holds its header (BLOCK_HEADER_BYTES, as every protocol counts
 * it: blockTxBytesMax) and whole transactions of workload.txSize: a block too small for one commits
 * nothing, and the run would report a throughput of 0 as if it had measured one. The field blamed is
 * the one written: the transaction size when only it was, else the block size.
 */
function blockSizeIssues(scenario: Scenario, written: Record<string, unknown>): ScenarioFaultIssue[] {
  const { blockSizeMax } = scenario.consensus;
  const { txSize } = scenario.workload;
  const room = blockTxBytesMax(blockSizeMax);
  if (txSize <= room) return [];
  if (writes(written, 'workload', 'txSize') && !writes(written, 'consensus', 'blockSizeMax')) {
    return [{ path: ['workload', 'txSize'], expected: `at most ${room} B, what a block of consensus.blockSizeMax (${blockSizeMax} B) holds after its ${BLOCK_HEADER_BYTES}-byte header`, found: `${txSize} B` }];
  }
  const least = BLOCK_HEADER_BYTES + txSize;
  return [{ path: ['consensus', 'blockSizeMax'], expected: `at least ${least} B, a ${BLOCK_HEADER_BYTES}-byte block header and one transaction of workload.txSize (${txSize} B)`, found: `${blockSizeMax} B` }];
}

/**
 * The same rule in an IoMT world, whose transactions are its actors' contract calls: a block of
 * consensus.blockSizeMax holds its header and the largest transaction the IoMT application can
 * submit (iomt-tx-bytes.ts), or that transaction never commits and what it carries (an anchor, an
 * alert, an access decision) is reported as never confirmed, as if the ledger had been measured
 * too slow.
 */
function iomtBlockSizeIssues(scenario: Scenario, iomt: IomtSection): ScenarioFaultIssue[] {
  const { blockSizeMax } = scenario.consensus;
  const largest = largestIomtTransaction(iomt);
  if (largest === undefined || largest.bytes <= blockTxBytesMax(blockSizeMax)) return [];
  return [{
    path: ['consensus', 'blockSizeMax'],
    expected: `at least ${BLOCK_HEADER_BYTES + largest.bytes} B, a ${BLOCK_HEADER_BYTES}-byte block header and the largest transaction the IoMT application can submit (${largest.call}, ${largest.by}: up to ${largest.bytes} B)`,
    found: `${blockSizeMax} B`,
  }];
}

/**
 * A replica's mempool must hold the largest transaction the workload submits (workload.txSize, or
 * the largest IoMT call), or every transaction is refused on arrival and the run reports a ledger
 * that committed nothing as if it had measured one (protocols that produce empty blocks, HotStuff
 * and Clique, even pass their liveness check so).
 */
function mempoolSizeIssues(scenario: Scenario, registries: Registries): ScenarioFaultIssue[] {
  const protocol = scenario.consensus.protocol;
  if (typeof protocol !== 'string' || protocolIn(registries, protocol)?.withoutMempool !== undefined) return [];
  const { capacityBytes } = scenario.consensus.mempool;
  const largest = scenario.iomt === undefined ? { bytes: scenario.workload.txSize, what: `one transaction of workload.txSize (${scenario.workload.txSize} B)` } : iomtLargest(scenario.iomt);
  if (largest === undefined || capacityBytes >= largest.bytes) return [];
  return [{ path: ['consensus', 'mempool', 'capacityBytes'], expected: `at least ${largest.bytes} B, ${largest.what}`, found: `${capacityBytes} B` }];
}

function iomtLargest(iomt: IomtSection): { bytes: number; what: string } | undefined {
  const largest = largestIomtTransaction(iomt);
  return largest === undefined ? undefined : { bytes: largest.bytes, what: `the largest transaction the IoMT application can submit (${largest.call}, ${largest.by})` };
}

/** `written` is the scenario as written, before defaults: rules about what a file says use it. */
export function checkScenarioConsistency(scenario: Scenario, written: Record<string, unknown>, registries: Registries = IN_TREE_REGISTRIES): ScenarioFaultIssue[] {
  const issues: ScenarioFaultIssue[] = [...unusedMempoolIssues(scenario, written, registries), ...mempoolSizeIssues(scenario, registries), ...iomtProtocolIssues(scenario, registries)];
  // Measurements start after the warm-up; a warm-up as long as the run leaves nothing to measure.
  if (!(scenario.warmup < scenario.duration)) {
    issues.push({ path: ['warmup'], expected: `a warm-up shorter than duration (${seconds(scenario.duration)})`, found: seconds(scenario.warmup) });
  }
  if (scenario.iomt === undefined && scenario.consensus.protocol === 'pow') issues.push(...ignoredFieldIssues(written, POW_IGNORED));
  // Synthetic transactions of workload.txSize fill the blocks of a consensus-only world.
  if (scenario.iomt === undefined && scenario.consensus.protocol !== 'pow') issues.push(...blockSizeIssues(scenario, written));
  // An IoMT world places one consensus node per consortium seat: the two counts must agree.
  const iomt = scenario.iomt;
  if (iomt !== undefined) {
    issues.push(...ignoredFieldIssues(written, IOMT_IGNORED));
    issues.push(...iomtBlockSizeIssues(scenario, iomt));
    const c = iomt.consortium;
    const seats = consortiumSeats(iomt);
    if (seats !== scenario.consensus.nodes) {
      issues.push({
        path: ['consensus', 'nodes'],
        expected: `${seats}, the consortium size from iomt.consortium (${iomt.hospitals} hospitals × ${c.nodesPerHospital} + lab ${c.lab} + insurer ${c.insurer} + regulator ${c.regulator})`,
        found: String(scenario.consensus.nodes),
      });
    }
  }
  return issues;
}
