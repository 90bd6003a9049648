/**
 * PHI leak: misconfigured gateways write patient identifiers or reading values into their anchoring
 * transactions (src/attacks/iomt/phi-leaking-gateway.ts). The attack records which transactions
 * it made leak; the PHI inspector (src/iomt/phi-inspector.ts), which knows nothing of the attack,
 * is scored against that ground truth: every committed leaking transaction flagged (recall) and no
 * other transaction flagged (false positives).
 */
import { z } from 'zod';
import { recordNumber } from '../../iomt/patient-identifiers.ts';
import type { PhiInspector } from '../../iomt/phi-inspector.ts';
import type { Metrics } from '../../metrics/types.ts';
import { defineAttack } from '../definition.ts';
import { param, zOrdinal } from '../params.ts';
import { gatewayHosts, specsAimedAt } from './layout.ts';
import { PHI_LEAKS, PhiLeakingGateway } from './phi-leaking-gateway.ts';

export const phiLeak = defineAttack({
  type: 'phi-leak',
  title: 'PHI leak from misconfigured gateways',
  category: 'device',
  // The leaking gateways count their transactions; the inspector flags them from the events.
  splitsOverThreads: () => true,
  targets: 'gateways',
  model: "gateway proxy rewrites each anchoring transaction the gateway submits: 'identifier' puts pt_ and the record number of the batch's first patient where the pseudonym belongs, 'values' adds the batch's reading values",
  paramsSchema: z.object({
    gateways: param(z.array(zOrdinal).min(1), 'The misconfigured gateways (0 is the first).', 'gateway number list'),
    leak: param(
      z.enum(PHI_LEAKS).default('identifier'),
      "What each anchoring transaction leaks: 'identifier', `patient: pt_<record number>` of the patient whose reading opens the batch (field and shape allowed; only the inspector's identifier look-up catches it); 'values', a `values` field with the batch's reading values (a field the chain never holds).",
      "'identifier' or 'values'",
    ),
  }),
  windowMeanings: { start: 'When the gateways start leaking.', end: 'When their configuration is corrected: anchors submitted from then on are honest.' },
  outcomes: ['attack.phi_leak.leaking_txs', 'attack.phi_leak.leaking_txs_flagged', 'attack.phi_leak.recall', 'attack.phi_leak.false_positives', 'iomt.phi_bytes_on_chain'],
  device: {
    checkWorldTargets: (spec, sizes, issues) => spec.gateways.forEach((g, j) => issues.index(`gateways.${j}`, g, sizes.gateways, 'a gateway number')),
    plan: (specs, env) => {
      const leakers: PhiLeakingGateway[] = [];
      let inspector: PhiInspector | undefined;
      return {
        wrapGateway(gateway, factory, config) {
          const windows = specsAimedAt(specs, (s) => s.gateways, gateway).map((s) => ({ start: s.start, end: s.end, leak: s.leak }));
          if (windows.length === 0) return undefined;
          // The hospital's patient index the gateway was wrongly wired to (its devices' patients).
          const devices = config.devices.map((d) => ({ device: d.device, recordNumber: recordNumber(d.patient) }));
          return (ctx) => {
            const leaker = new PhiLeakingGateway(ctx, factory, { windows, devices });
            leakers.push(leaker);
            return leaker;
          };
        },
        installEach({ spec }, world) {
          for (const g of spec.gateways) env.truth.label('host', gatewayHosts(world)[g]!, 'phi-leak', 'phi-leaking-gateway', spec.start, spec.end ?? Infinity);
          // Scoring only, after the run: what the world's inspector flagged on chain.
          inspector = world.collector.phi;
        },
        hostTotals: () => leakedTxs(leakers),
        outcomes: (partitions) => leakScore([leakedTxs(leakers), ...((partitions ?? []) as LeakedTxs[])], inspector?.flaggedTxs ?? new Set()),
      };
    },
  },
});

/** The leaking transactions of some gateways: submitted, and seen committed. */
interface LeakedTxs {
  readonly sent: readonly number[];
  readonly committed: readonly number[];
}

/** What the leaking gateways this engine ran did (a partition's share, in a split run). */
function leakedTxs(leakers: readonly PhiLeakingGateway[]): LeakedTxs {
  return { sent: leakers.flatMap((l) => [...l.leakingTxs]), committed: leakers.flatMap((l) => [...l.leakingTxsCommitted]) };
}

/** The inspector's findings against the attack's ground truth (committed leaking transactions), over every share of the gateways. */
function leakScore(shares: readonly LeakedTxs[], flagged: ReadonlySet<number>): Metrics {
  const sentIds = new Set(shares.flatMap((s) => s.sent));
  const committed = shares.flatMap((s) => s.committed);
  const sent = shares.reduce((n, s) => n + s.sent.length, 0);
  const leaking = committed.length;
  let caught = 0;
  for (const id of committed) if (flagged.has(id)) caught++;
  // A leaking transaction committed too late for its gateway to see it confirmed is no false positive.
  let falsePositives = 0;
  for (const id of flagged) if (!sentIds.has(id)) falsePositives++;
  return {
    'attack.phi_leak.leaking_txs_sent': { unit: 'tx', value: sent },
    'attack.phi_leak.leaking_txs': { unit: 'tx', value: leaking },
    'attack.phi_leak.leaking_txs_flagged': { unit: 'tx', value: caught },
    'attack.phi_leak.recall': { unit: 'ratio', value: leaking === 0 ? NaN : caught / leaking },
    'attack.phi_leak.false_positives': { unit: 'tx', value: falsePositives },
  };
}
