/**
 * The rule both readers of replications.jsonl hold it to (the runner's, for --resume and merge, and
 * the report's, for report and compare): each replication of each point is recorded once. A run
 * writes each once; a copy (in a folder from before file records, which nothing else vouches for)
 * would count twice in every statistic.
 */
export class ReplicationLines {
  private readonly lineOf = new Map<string, number>();

  /** Note `record`, read at line `line` (from 1); what is wrong when it repeats an earlier one. */
  repeated(record: { readonly point: number; readonly replication: number }, line: number): { expected: string; found: string } | undefined {
    const key = `${record.point}:${record.replication}`;
    const first = this.lineOf.get(key);
    if (first !== undefined) return { expected: 'each replication of each point recorded once', found: `point ${record.point}, replication ${record.replication} again (line ${first} has it)` };
    this.lineOf.set(key, line);
    return undefined;
  }
}
