/**
 * The relay rules of SimBlock (Aoki et al., IEEE INFOCOM Workshops 2019; docs/references.md §4) that
 * are data rather than behaviour, read from its public source (dsg-titech/simblock, simulator/src/
 * main/java/simblock/) and restated here; the behaviour is in relay.ts and block-server.ts.
 *
 * - Control messages: every inv, getdata ("rec") and getblocktxn arrives its latency plus 10 ms
 *   after it is sent, and costs no bandwidth (task/AbstractMessageTask.getInterval; the source
 *   itself asks why the 10 ms).
 * - Outbound links: each node opens a number of outbound connections drawn from the distribution
 *   Miller et al. measured on Bitcoin in 2015 ("Discovering Bitcoin's public topology and
 *   influential nodes"; settings/NetworkConfiguration DEGREE_DISTRIBUTION_BITCOIN_2015, used by
 *   simulator/Main.constructNetworkWithAllNodes): 1 to 20, mean 8.6.
 * - A failed compact block: the missing transactions the server sends are a share of the block
 *   drawn from an empirical table (settings/SimulationConfiguration
 *   CBR_FAILURE_BLOCK_SIZE_DISTRIBUTION_FOR_{CONTROL,CHURN}_NODE), chosen by the serving node's
 *   churn flag (node/Node.getFailedBlockSize): 1 % of the block for a non-churning node, a
 *   heavy-tailed share from 1 % to 96 % (mean 8.7 %) for a churning one.
 */
import { categorical, cumulative, type Rng } from '../../../sim/index.ts';

/** Share of nodes with at most k outbound links, for k = 1 … 20 (Miller et al. 2015, via SimBlock). */
const BITCOIN_2015_OUTBOUND_AT_MOST = [
  0.025, 0.05, 0.075, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 0.97, 0.97, 0.98, 0.99, 0.995, 1,
] as const;
const OUTBOUND_WEIGHTS = cumulative(BITCOIN_2015_OUTBOUND_AT_MOST.map((c, i) => c - (i === 0 ? 0 : BITCOIN_2015_OUTBOUND_AT_MOST[i - 1]!)));

/** A node's number of outbound links, drawn from Bitcoin's 2015 distribution (1 … 20). */
export function bitcoin2015OutboundPeers(rng: Rng): number {
  return categorical(rng, OUTBOUND_WEIGHTS) + 1;
}

/**
 * SimBlock's table for churning nodes, as counts: entry p − 1 is how many of its 945 entries say
 * p % of the block, for p = 1 … 48; every p from 49 to 96 appears once.
 */
const CHURN_FAILURE_PERCENT_COUNTS = [
  546, 66, 39, 27, 21, 17, 14, 12, 11, 10, 9, 8, 7, 7, 6, 6, 5, 5, 5, 4, 4, 4, 4, 4,
  3, 3, 3, 3, 3, 3, 3, 3, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
] as const;
const CHURN_FAILURE_WEIGHTS = cumulative([...CHURN_FAILURE_PERCENT_COUNTS, ...Array.from({ length: 96 - 48 }, () => 1)]);
/** A non-churning node's table holds only this share. */
const CONTROL_FAILURE_SHARE = 0.01;

/**
 * Bytes a node sends after a compact block it served failed to rebuild: a share of the block drawn
 * from SimBlock's table for the serving node's churn flag (whole bytes, rounded down as SimBlock does).
 */
export function simblockFailedCompactBytes(rng: Rng, blockSizeBytes: number, servingNodeChurns: boolean): number {
  const share = servingNodeChurns ? (categorical(rng, CHURN_FAILURE_WEIGHTS) + 1) / 100 : CONTROL_FAILURE_SHARE;
  return Math.floor(blockSizeBytes * share);
}
