/** Metrics of the attack library (src/attacks): outcomes judged against the attacks' ground truth. */
import type { MetricDoc } from './types.ts';

export const ATTACK_METRIC_DOCS: readonly MetricDoc[] = [
  { name: 'attack.conflicting_commits', unit: 'count', meaning: 'heights at which two honest replicas committed different blocks (Byzantine replicas excluded by ground truth)' },
  { name: 'attack.byzantine_replicas', unit: 'count', meaning: 'replicas running Byzantine code at some time of the run' },
  { name: 'attack.labels', unit: 'count', meaning: 'ground-truth labels the attacks recorded (hosts, transactions, devices, records)' },
  { name: 'attack.max_commit_gap_ms', unit: 'ms', meaning: 'longest time without a new honest commit once the first attack started (until the run ends)' },
  { name: 'attack.censored_uncommitted', unit: 'tx', meaning: 'transactions of censored clients dropped by a censoring replica and never committed' },
  { name: 'attack.censorship_delay_ms.mean', unit: 'ms', meaning: 'mean time from submission to first honest commit of censored clients’ transactions submitted during censorship' },
  { name: 'attack.censorship_delay_ms.p95', unit: 'ms', meaning: '95th percentile of the same censorship delay' },
  { name: 'attack.legit_latency_ms.p95', unit: 'ms', meaning: '95th percentile of client-confirmed latency of legitimate transactions submitted while an attack was active' },
];
