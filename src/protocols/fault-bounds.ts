/** The classic bounds on tolerated faults that the protocols' fault models are built from. */

/** Byzantine agreement needs n ≥ 3f + 1 (Castro & Liskov 1999 §2; Yin et al. 2019 §3). */
export const byzantineMaxFaulty = (n: number): number => Math.floor((n - 1) / 3);

/** Crash-fault replication needs a live majority, n ≥ 2f + 1 (Ongaro & Ousterhout 2014 §5). */
export const crashMaxFaulty = (n: number): number => Math.floor((n - 1) / 2);

/** The smallest majority of n replicas. */
export const majority = (n: number): number => Math.floor(n / 2) + 1;
