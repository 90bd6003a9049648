/** The classic bounds on tolerated faults and the quorums the protocols' fault models are built from. */

/** Byzantine agreement needs n ≥ 3f + 1 (Castro & Liskov 1999 §2; Yin et al. 2019 §3). */
export const byzantineMaxFaulty = (n: number): number => Math.floor((n - 1) / 3);

/**
 * The smallest Byzantine quorum for any n, not only n = 3f + 1: q = ⌈(n + f + 1)/2⌉ with
 * f = ⌊(n − 1)/3⌋ (docs/references.md §5; Malkhi & Reiter 1998). Safety: two quorums share at least
 * 2q − n ≥ f + 1 replicas, so at least one correct replica, which never vouches for two conflicting
 * values; this is the argument of Castro & Liskov 1999 §4.2 (certificates within a view) and §4.4
 * (a view change sees every committed request), and of Yin et al. 2019 §4.4 Lemma 1 (two QCs of one
 * view). Liveness: q ≤ n − f whenever n ≥ 3f + 1, so the correct replicas alone make a quorum. At
 * n = 3f + 1 this is the papers' 2f + 1 = n − f; at other n, 2f + 1 lets two quorums meet only in
 * faulty replicas (n = 5: 3 + 3 − 5 = 1 = f), and n − f is larger than needed (n = 6: 5 where 4 do).
 */
export const byzantineQuorum = (n: number): number => Math.ceil((n + byzantineMaxFaulty(n) + 1) / 2);

/** Crash-fault replication needs a live majority, n ≥ 2f + 1 (Ongaro & Ousterhout 2014 §5). */
export const crashMaxFaulty = (n: number): number => Math.floor((n - 1) / 2);

/** The smallest majority of n replicas: any two share a replica, and n − ⌊(n − 1)/2⌋ survivors make one. */
export const majority = (n: number): number => Math.floor(n / 2) + 1;
