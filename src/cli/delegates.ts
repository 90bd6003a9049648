/**
 * Commands implemented in other areas (the report, bench, validation), imported when first used:
 * `iomtsim run --json` and `--no-report` do not load the report renderer, and no command loads
 * bench's. The imports name the modules literally, so TypeScript checks every call against the
 * module's own exported signatures: a rename or a changed signature fails `tsc`, not a user's run.
 */
export const loadReport = () => import('../report/index.ts');
// The terminal's headline alone: a run without a report prints it without loading Vega (about a
// tenth of a second of start-up).
export const loadHeadline = () => import('../report/headline-text.ts');
export const loadBench = () => import('../../bench/harness/command.ts');
export const loadValidation = () => import('../validation/index.ts');

