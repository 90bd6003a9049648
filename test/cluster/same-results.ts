/**
 * Exit 0 when two results folders hold the same run: summary.json, metrics.csv and timeseries.csv
 * byte for byte, and the same replication records in the same order (wall-clock time aside, which
 * differs between any two runs). The comparison the runner's merge test makes, for a shell script:
 * `node --import tsx test/cluster/same-results.ts MERGED WHOLE`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { replicationsWithoutWall } from '../../src/runner/testing/fixtures.ts';

const [merged, whole] = process.argv.slice(2);
if (merged === undefined || whole === undefined) {
  console.error('usage: same-results.ts MERGED_DIR WHOLE_DIR');
  process.exit(2);
}
const differences: string[] = [];
for (const file of ['summary.json', 'metrics.csv', 'timeseries.csv']) {
  if (readFileSync(join(merged, file), 'utf8') !== readFileSync(join(whole, file), 'utf8')) differences.push(file);
}
const mergedRecords = replicationsWithoutWall(merged);
if (!isDeepStrictEqual(mergedRecords, replicationsWithoutWall(whole))) differences.push('replications.jsonl');
if (differences.length > 0) {
  console.error(`${merged} and ${whole} differ in ${differences.join(', ')}`);
  process.exit(1);
}
console.log(`${merged} equals ${whole} (${mergedRecords.length} replication records)`);
