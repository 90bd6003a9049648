/**
 * An example plug-in protocol (docs/plugins.md): a fixed sequencer with majority acknowledgement.
 * A scenario names it with `consensus: { protocol: { module: ./sequencer.ts } }`; its parameters go
 * under `consensus.sequencer`. The default export is the definition, the same contract an in-tree
 * protocol meets.
 */
import { defineProtocol, z, zPositiveDurationUs } from '../../src/plugin-api.ts';
import { SEQUENCER_MESSAGE_KINDS, SequencerReplica } from './sequencer-replica.ts';

export default defineProtocol({
  name: 'sequencer',
  title: 'Fixed sequencer with majority acknowledgement (example plug-in)',
  reference: "B. M. Oki and B. H. Liskov, \"Viewstamped Replication\", PODC 1988 (normal case only, no view change)",
  paramsSchema: z
    .object({
      resendInterval: zPositiveDurationUs
        .default(200_000)
        .describe('how often the primary re-sends unacknowledged blocks and its commit height (covers lost messages)'),
    })
    .strict(),
  faultModel: {
    kind: 'crash',
    // Backups may crash while a majority holds every committed block; the primary (replica 0) must
    // stay up, as there is no view change.
    rule: 'n ≥ 2f + 1, crashes of backups only (replica 0 must stay up)',
    maxFaulty: (n) => Math.floor((n - 1) / 2),
    quorum: (n) => Math.floor(n / 2) + 1,
    // Only the primary replies, after the commit.
    repliesNeeded: () => 1,
  },
  messageKinds: SEQUENCER_MESSAGE_KINDS,
  // The primary appends each request to its open block as it arrives: consensus.mempool would bound nothing.
  withoutMempool: 'the primary appends each request to its next block as it arrives',
  createReplica: (ctx, config, app) => new SequencerReplica(ctx, { ...config, params: { resendIntervalUs: config.params.resendInterval } }, app),
});
