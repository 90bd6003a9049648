/**
 * The `consensus:` section: which protocol, how many nodes, block and batch limits, crypto, mempool,
 * and one parameter block per registered protocol. The protocol names and the blocks come from the
 * protocol definitions (src/protocols/index.ts), so registering a protocol is all it takes for a
 * scenario to name it and set its parameters.
 */
import { z } from 'zod';
import { mempoolOptionsFrom } from '../../ledger/mempool.ts';
import { DEFAULT_TX_AUTH, TX_AUTH_MODES } from '../../ledger/tx-authentication.ts';
import type { ProtocolDefinition } from '../../protocols/definition.ts';
import { PROTOCOLS } from '../../protocols/index.ts';
import type { ReplicaSettings } from '../../protocols/types.ts';
import { zPositiveDurationUs, zSizeBytes } from '../zod-units.ts';

/** Cost table of the crypto model in virtual µs (see `iomtsim calibrate`). */
const zCryptoCosts = z
  .object({
    /** One signature (built-in default: Ed25519 at ~17,000/s on node:crypto). */
    signUs: z.number().nonnegative(),
    /** One signature verification (built-in default: Ed25519 at ~6,500/s). */
    verifyUs: z.number().nonnegative(),
    /** Fixed cost of one hash; a hash of n bytes costs hashUs + hashPerKiBUs · n / 1024. */
    hashUs: z.number().nonnegative(),
    /** Added cost per KiB hashed (built-in default: SHA-256 at ~300,000 KiB/s). */
    hashPerKiBUs: z.number().nonnegative(),
    /** One MAC (HMAC-SHA-256 of a digest, PBFT's authenticators, §5); omitted: 2 × hashUs. */
    macUs: z.number().nonnegative().optional(),
  })
  .strict();

/** Each replica's pool of transactions waiting for a block: bounded in transactions and bytes (PBFT, HotStuff, PoA; Raft and proof of work keep none, and refuse it). */
export const zMempool = z
  .object({
    /** Most transactions waiting. */
    capacity: z.number().int().min(1).default(100_000),
    /** Most bytes waiting. */
    capacityBytes: zSizeBytes.default(268_435_456),
    /** 'fifo': arrival order; 'priority': higher priority first, FIFO among equals (fee-ordered pools). */
    order: z.enum(['fifo', 'priority']).default('fifo'),
    /**
     * How long after its client submitted it a transaction may still be admitted or proposed; past
     * it every replica refuses or drops it (a deadline the transaction carries, as Cosmos SDK's
     * timeout_timestamp; docs/references.md §10). Omitted: no limit.
     */
    ttl: zPositiveDurationUs.optional(),
  })
  .strict();

/** One `consensus.<name>` block per protocol of the registry, each defaulting to the protocol's defaults. */
type ParamsBlocks<R extends readonly ProtocolDefinition[]> = { [D in R[number] as D['name']]: z.ZodDefault<D['paramsSchema']> };

/** The section for the protocols of `registry` (the first one is the default protocol). */
export function consensusSchema<const R extends readonly [ProtocolDefinition, ...ProtocolDefinition[]]>(registry: R) {
  const names = registry.map((p) => p.name) as [R[number]['name'], ...R[number]['name'][]];
  const blocks = Object.fromEntries(
    registry.map((p) => {
      const meaning = `Parameters of ${p.title}, read when protocol is ${p.name} (\`iomtsim list protocols\` names its paper).`;
      return [p.name, p.paramsSchema.default(() => p.paramsSchema.parse({})).describe(meaning)];
    }),
  ) as ParamsBlocks<R>;
  return z
    .object({
      protocol: z.enum(names).default(names[0]),
      /**
       * Consensus nodes. In an IoMT scenario the consortium's seats (iomt.consortium: nodes per
       * hospital × hospitals, plus the lab, insurer and regulator) when not written, so a sweep of
       * iomt.hospitals sizes the consortium with it; written, it must equal them.
       */
      nodes: z.number().int().min(1).max(10_000).default(4),
      /**
       * Processor cores of each consensus node. Independent checks of a batch (its transactions'
       * signatures, or the certificates a PBFT view change carries) spread over them; the
       * protocol's state machine stays on one. Default 2: the 2 vCPUs CometBFT recommends for a
       * production node (docs/references.md §7).
       */
      cores: z.number().int().min(1).default(2),
      /** Most transactions in one block or batch. */
      batchSize: z.number().int().min(1).default(10),
      /**
       * Propose a partial batch after this long (Fabric's BatchTimeout). Read by PBFT's primary and
       * Raft's leader only: HotStuff's leader proposes at every view and proof of authority seals at
       * every period, whatever their pool holds, and proof of work takes no load. Under a load that
       * fills batches slowly a PBFT or Raft transaction waits up to this long and a HotStuff one does
       * not, so protocol comparisons should hold it short beside the latencies compared, or sweep it:
       * on hospital.yaml at 2 s, PBFT's and Raft's on-chain alert latency p50 is 1.1 s above
       * HotStuff's (8.12 s against 7.03 s), and within 30 ms of it at 100 ms.
       */
      batchTimeout: zPositiveDurationUs.default(2_000_000),
      blockSizeMax: zSizeBytes.default(524_288),
      /** 'symbolic' Dolev–Yao signatures (fast) or 'real' Ed25519 and SHA-256 everywhere. */
      crypto: z.enum(['symbolic', 'real']).default('symbolic'),
      /** CPU cost table; defaults to the built-in node:crypto figures. */
      cryptoCosts: zCryptoCosts.optional(),
      /**
       * What every transaction carries: 'signature' (every ledger of the framework, device readings,
       * anchors, consent and access, is signed for non-repudiation), 'mac' (a key shared with the
       * ledger) or 'none'. Each replica checks each transaction once, at admission where a request
       * arrives and at block validation elsewhere, for cryptoCosts.verifyUs, one MAC, or nothing
       * (docs/references.md §6). An IoMT submitter (gateway, clinician, portal, administration) pays
       * to make it once per transaction: signUs, one MAC, or nothing; the synthetic load clients
       * stand for many submitters outside the system measured, as a benchmark's load generator, and
       * pay only to check the replies they count.
       */
      txAuth: z.enum(TX_AUTH_MODES).default(DEFAULT_TX_AUTH),
      mempool: zMempool.default(() => zMempool.parse({})),
      /**
       * The liveness checker reports a stall when no waiting transaction commits for this long
       * while work waits (a block without one, as an empty block, is no progress). Default 30 s, or the protocol's own commit gap where its commit rule needs
       * longer (Clique: the confirmation depth in block periods); proof of work, whose block
       * intervals have no bound, is checked for liveness only against a bound stated here.
       */
      livenessBound: zPositiveDurationUs.optional(),
      ...blocks,
    })
    .strict();
}

export const zConsensus = consensusSchema(PROTOCOLS);
export type ConsensusSection = z.output<typeof zConsensus>;

/** The liveness bound when the scenario states none and the protocol commits well within it, µs. */
export const DEFAULT_LIVENESS_BOUND_US = 30_000_000;

/**
 * The liveness checker's bound for a run of `protocol` with `nodes` replicas, µs: the scenario's,
 * else the default or the protocol's own commit gap, whichever is longer; null where the scenario
 * states none and the protocol owes none (no liveness check).
 */
export function livenessBoundUs(section: ConsensusSection, protocol: ProtocolDefinition, nodes: number): number | null {
  if (section.livenessBound !== undefined) return section.livenessBound;
  if (protocol.commitGapBoundUs === undefined) return DEFAULT_LIVENESS_BOUND_US;
  const gapUs = protocol.commitGapBoundUs(replicaSettings(section, protocol).params, nodes);
  return gapUs === null ? null : Math.max(DEFAULT_LIVENESS_BOUND_US, gapUs);
}

/** What every replica of a run takes from this section: its protocol's parameter block, the mempool limits and what transactions carry. */
export function replicaSettings(section: ConsensusSection, protocol: ProtocolDefinition): ReplicaSettings {
  const params = (section as Readonly<Record<string, unknown>>)[protocol.name] as ReplicaSettings['params'] | undefined;
  return { params: params ?? protocol.defaults, mempool: mempoolOptionsFrom(section), txAuth: section.txAuth };
}
