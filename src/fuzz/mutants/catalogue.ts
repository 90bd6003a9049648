/**
 * The fuzzer's mutants: each is a real protocol with one safety rule broken, kept as a plug-in
 * module beside this file. `iomtsim fuzz --mutant NAME` must catch every one (a failing seed whose
 * scenario file fails again under `iomtsim run`); docs/fuzz.md records how many seeds each took.
 */
import { fileURLToPath } from 'node:url';

export interface Mutant {
  /** The mutant's protocol name, and `--mutant`'s value. */
  readonly name: string;
  /** The in-tree protocol it breaks. */
  readonly base: 'pbft' | 'hotstuff' | 'raft' | 'poa';
  /** The rule it breaks, with the paper's section. */
  readonly broken: string;
  /** Absolute path of its module. */
  readonly module: string;
}

function mutant(name: string, base: Mutant['base'], broken: string): Mutant {
  return { name, base, broken, module: fileURLToPath(new URL(`./${name}.ts`, import.meta.url)) };
}

export const MUTANTS: readonly Mutant[] = [
  mutant('pbft-small-quorum', 'pbft', 'certificates of f + 1 matching messages (Castro & Liskov §4.2)'),
  mutant('pbft-forgetful-view-change', 'pbft', 'VIEW-CHANGE messages carry no prepared certificates (§4.4)'),
  mutant('raft-count-earlier-terms', 'raft', 'commits entries of earlier terms by counting replicas (Ongaro & Ousterhout §5.4.2, Figure 8)'),
  mutant('raft-no-up-to-date-check', 'raft', 'votes without the candidate-log up-to-date check (§5.4.1)'),
  mutant('hotstuff-two-chain', 'hotstuff', 'commits on a two-chain instead of a three-chain (Yin et al. §5)'),
  mutant('clique-no-signer-limit', 'poa', 'no SIGNER_LIMIT: a signer may seal consecutive blocks (EIP-225)'),
];

export function mutantByName(name: string): Mutant | undefined {
  return MUTANTS.find((m) => m.name === name);
}
