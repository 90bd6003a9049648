/** What `iomtsim --help` and each command's help show besides the flags: examples and where the docs are. */
import { join } from 'node:path';
import { PACKAGE_DIR } from './scenario-path.ts';

export type Example = readonly [command: string, what: string];

export const EXAMPLES: Readonly<Record<'top' | 'run' | 'sweep' | 'size' | 'compare' | 'merge' | 'trace', readonly Example[]>> = {
  top: [
    ['$0 run', 'run scenarios/default.yaml and write its results folder and report'],
    ['$0 run scenarios/hospital.yaml --reps 8', 'eight replications, 95 % confidence intervals'],
    ['$0 sweep scenarios/pbft.yaml --vary consensus.nodes=4,7', 'a point per value'],
    ['$0 compare results/pbft/A results/pbft/B', 'is B worse than A?'],
    ['$0 list scenarios', 'the bundled scenarios'],
  ],
  run: [
    ['$0 run scenarios/pbft.yaml --reps 5 --set consensus.nodes=7', 'override a field without editing the file'],
    ["$0 run --set 'expect.consensus.throughput_tps=>= 500'", 'add an expectation (quote it: > is a shell redirection)'],
    ['$0 run --json --no-report', 'the summary as JSON, with resultsDir and passed'],
    ['$0 run --resume results/default/<run-id>', 'complete an interrupted run'],
  ],
  sweep: [
    ['$0 sweep scenarios/pbft.yaml --vary consensus.nodes=4,7 --vary workload.rateTps=200..1000:200 --reps 3', 'a 2 × 5 grid'],
    ['$0 sweep scenarios/pbft.yaml --vary consensus.nodes=4,7 --shard 1/2 --out shard-1', 'half of it, to merge later'],
  ],
  size: [
    ["$0 size scenarios/hospital.yaml --vary iomt.bedsPerWard=1..50 --slo 'consensus.commit_latency_ms.p99<=2000'", 'the most beds meeting the SLO'],
  ],
  trace: [
    ['$0 trace scenarios/consortium.yaml --to 2s', 'trace.json for Perfetto and sequence.svg of the first decisions'],
    ['$0 trace scenarios/hospital.yaml --from 60s --to 62s --hosts replicas', 'two seconds of the consortium only'],
  ],
  compare: [
    ['$0 compare A B --threshold 5%', 'fail only on changes of 5 % or more'],
    ['$0 compare A B --json | jq .passed', 'the verdict for a script'],
    ['$0 compare S S --a-point consensus.nodes=4 --b-point consensus.nodes=7', 'two points of sweep S, paired by seed'],
  ],
  merge: [['$0 merge shard-1 shard-2 --out merged', 'one results folder, equal to the unsharded run']],
};

export const DOCS_EPILOGUE = `Documentation: ${join(PACKAGE_DIR, 'README.md')} and ${join(PACKAGE_DIR, 'docs')}/ (scenarios.md, results.md, reports.md, cluster.md)`;

/** Adds `examples` to a yargs builder's result. */
export function withExamples<Y extends { example(command: string, description: string): Y }>(y: Y, examples: readonly Example[]): Y {
  return examples.reduce((acc, [command, what]) => acc.example(command, what), y);
}
