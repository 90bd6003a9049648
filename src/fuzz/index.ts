/** src/fuzz: `iomtsim fuzz`, seeded fault schedules against a protocol, and the mutants it must catch. */
export { deriveCase, fewestNodes, type FuzzCase, type NodeRange } from './derive.ts';
export { runFuzz, type FuzzOutcome, type FuzzRequest, type SeedResult } from './run.ts';
export { summarise, formatSummary, type FuzzSummary } from './results.ts';
export { inTreeTarget, moduleTarget, mutantTarget, type FuzzTarget } from './target.ts';
export { MUTANTS, mutantByName, type Mutant } from './mutants/catalogue.ts';
export { FUZZ_EXIT } from './verdict.ts';
