/**
 * Validation of the results files against docs/results.md. Objects are loose (unknown keys are
 * kept and ignored) so that a newer runner adding a field does not break an older report; missing
 * or mistyped fields the report uses are errors.
 */
import { z } from 'zod';
import { translateIssues } from '../../scenario/zod-issues.ts';
import { ResultsError, describeFound } from '../errors.ts';

const zParameterValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const zParameters = z.record(z.string(), zParameterValue);
const zStatus = z.enum(['running', 'complete', 'interrupted', 'failed']);
const zNullableNumber = z.number().nullable();
/** Replications that left a verdict's metric undefined, of the point's (a failed verdict). */
const zUndefinedIn = z.looseObject({ replications: z.number().int().positive(), of: z.number().int().positive() });

const zExpectRule = z.enum(['mean', 'interval', 'every']);

/** `[a, b]` as a message quotes a pair of numbers. */
const pair = (a: number | null, b: number | null): string => `[${a}, ${b}]`;

/**
 * What a verdict rests on besides its mean (src/runner/verdict.ts), optional as results written
 * before it was recorded lack it: a reversed interval, or more replications breaking the condition
 * than were judged, contradict themselves and are refused like a metric's.
 */
const zVerdictEvidence = {
  rule: zExpectRule.optional(),
  ci95: z.tuple([z.number(), z.number()]).nullable().optional(),
  failedReplications: z.number().int().nonnegative().optional(),
  n: z.number().int().nonnegative().optional(),
};

function refineVerdictEvidence(v: { ci95?: readonly [number, number] | null | undefined; failedReplications?: number | undefined; n?: number | undefined }, ctx: z.RefinementCtx): void {
  if (v.ci95 && v.ci95[0] > v.ci95[1]) ctx.addIssue({ code: 'custom', path: ['ci95'], message: `expected an interval [low, high] with low ≤ high, found ${pair(v.ci95[0], v.ci95[1])}` });
  if (v.failedReplications !== undefined && v.n !== undefined && v.failedReplications > v.n) {
    ctx.addIssue({ code: 'custom', path: ['failedReplications'], message: `expected at most n, ${v.n} (the replications judged), found ${v.failedReplications}` });
  }
}

/** Each file's size and SHA-256, as a manifest records them (src/io/recorded-files.ts). */
const zRecordedFiles = z.record(z.string(), z.looseObject({ bytes: z.number().int().nonnegative(), sha256: z.string().regex(/^[0-9a-f]{64}$/) }));

export const zManifest = z.looseObject({
  format: z.literal('iomtsim-results/1'),
  kind: z.enum(['run', 'sweep', 'size']),
  status: zStatus,
  scenario: z.record(z.string(), z.unknown()),
  // The report reads nothing from it, but a folder whose input is not a mapping was not written by
  // the runner (resume and merge refuse it too, src/runner/manifest-check.ts); missing in fixtures.
  scenarioInput: z
    .custom<Record<string, unknown>>((v) => typeof v === 'object' && v !== null && !Array.isArray(v), { error: 'the scenario input the run came from (a mapping)' })
    .optional(),
  scenarioFile: z.string().nullable().optional(),
  overrides: z.array(z.string()).optional(),
  seed: z.number(),
  replications: z.number().int().nonnegative(),
  replicationSeeds: z.array(z.number()).optional(),
  sweep: z
    .looseObject({
      dimensions: z.array(z.looseObject({ key: z.string(), values: z.array(zParameterValue) })),
    })
    .optional(),
  shard: z.looseObject({ index: z.number(), count: z.number() }).optional(),
  versions: z.record(z.string(), z.string()).optional(),
  commit: z.string().nullable().optional(),
  host: z.record(z.string(), z.unknown()).optional(),
  startedAt: z.string().optional(),
  endedAt: z.string().nullable().optional(),
  wallMs: zNullableNumber.optional(),
  files: zRecordedFiles.optional(),
  pendingFiles: zRecordedFiles.optional(),
});

const zMetricSummary = z
  .looseObject({
    unit: z.string(),
    mean: zNullableNumber,
    // null, or either end null, where the runner had no finite interval to give (JSON has no NaN).
    ci95: z.tuple([zNullableNumber, zNullableNumber]).nullable(),
    n: z.number().int().nonnegative(),
    sd: zNullableNumber.optional(),
    min: zNullableNumber.optional(),
    max: zNullableNumber.optional(),
  })
  .superRefine((m, ctx) => {
    // A reversed interval would be printed as it stands ("0.44 [0.5, 0.4] tx/s"), read as a result.
    const [lo, hi] = m.ci95 ?? [null, null];
    if (lo !== null && hi !== null && lo > hi) {
      ctx.addIssue({ code: 'custom', path: ['ci95'], message: `expected an interval [low, high] with low ≤ high, found ${pair(lo, hi)}` });
    }
  });

const zLatencyCdf = z
  .looseObject({
    unit: z.string(),
    points: z.array(z.tuple([z.number(), z.number().min(0).max(1)])),
  })
  .superRefine((cdf, ctx) => {
    // A distribution function never decreases: points out of order are no CDF, and would be drawn as one.
    for (let i = 1; i < cdf.points.length; i++) {
      const [v0, p0] = cdf.points[i - 1]!;
      const [v1, p1] = cdf.points[i]!;
      if (v1 < v0 || p1 < p0) {
        ctx.addIssue({ code: 'custom', path: ['points', i], message: `expected [value, cumulative fraction] in increasing order, neither below the point before it ${pair(v0, p0)}, found ${pair(v1, p1)}` });
        return;
      }
    }
  });

const zSize = z.looseObject({
  key: z.string(),
  lo: z.number(),
  hi: z.number(),
  goal: z.enum(['largest', 'smallest']),
  slos: z.array(z.string()),
  rule: zExpectRule.optional(),
  answer: zNullableNumber,
  explanation: z.string(),
  probes: z.array(
    z.looseObject({
      value: z.number(),
      point: z.number().int().nonnegative(),
      passed: z.boolean(),
      slos: z.array(
        z
          .looseObject({
            slo: z.string(),
            observed: zNullableNumber,
            passed: z.boolean(),
            atLeast: z.boolean().optional(),
            undecided: z.boolean().optional(),
            undefinedIn: zUndefinedIn.optional(),
            ...zVerdictEvidence,
          })
          .superRefine(refineVerdictEvidence),
      ),
      stoppedEarly: z.looseObject({ replication: z.number(), atUs: z.number(), slo: z.string(), undefinedMetric: z.string().optional() }).optional(),
    }),
  ),
});

export const zSummary = z.looseObject({
  scenario: z.string(),
  status: zStatus,
  points: z.array(
    z.looseObject({
      parameters: zParameters,
      n: z.number().int().nonnegative(),
      metrics: z.record(z.string(), zMetricSummary),
      checks: z.array(
        z.looseObject({
          name: z.string(),
          passed: z.boolean(),
          failedReplications: z.number().optional(),
          n: z.number().optional(),
          detail: z.string().optional(),
          couldNotFail: z.string().optional(),
          violationsMetric: z.string().optional(),
        }),
      ),
      expectations: z
        .array(
          z
            .looseObject({
              metric: z.string(),
              condition: z.string(),
              observed: zNullableNumber,
              passed: z.boolean(),
              undefinedIn: zUndefinedIn.optional(),
              ...zVerdictEvidence,
            })
            .superRefine(refineVerdictEvidence),
        )
        .default([]),
      traceHashes: z.array(z.string()).default([]),
      latency_cdf: z.record(z.string(), zLatencyCdf).optional(),
    }).superRefine((point, ctx) => {
      // A metric's n counts the point's replications that gave it a value: never more than the point's n.
      for (const [name, m] of Object.entries(point.metrics)) {
        if (m.n > point.n) ctx.addIssue({ code: 'custom', path: ['metrics', name, 'n'], message: `expected at most the point's n, ${point.n} (a metric's n counts the point's replications that gave it a value), found ${m.n}` });
      }
    }),
  ),
  failures: z
    .array(
      z.looseObject({ point: z.number(), replication: z.number(), seed: z.number(), error: z.string() }),
    )
    .default([]),
  size: zSize.optional(),
});

export const zReplication = z.looseObject({
  point: z.number().int().nonnegative(),
  parameters: zParameters,
  replication: z.number().int().nonnegative(),
  seed: z.number(),
  metrics: z.record(z.string(), z.looseObject({ unit: z.string(), value: zNullableNumber })),
  traceHash: z.string(),
  wallMs: z.number().optional(),
});

/** Parses `data` with `schema`, turning the first problem into a ResultsError for `file`. */
export function parseOrThrow<S extends z.ZodType>(
  schema: S,
  data: unknown,
  file: string,
  fieldPrefix = '',
): z.output<S> {
  const result = schema.safeParse(data, { reportInput: true });
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (issue === undefined) throw new ResultsError(file, fieldPrefix, 'valid content', 'invalid content');
  const inFile = issue.path
    .map((p) => (typeof p === 'number' ? `[${p}]` : String(p)))
    .join('.')
    .replace(/\.\[/g, '[');
  const path = fieldPrefix === '' ? inFile : inFile === '' ? fieldPrefix : `${fieldPrefix}: ${inFile}`;
  // A refinement words what it found itself (the pair that broke an order, not the whole list).
  const own = issue.code === 'custom' ? /^expected ([\s\S]*), found ([\s\S]*)$/.exec(issue.message) : null;
  if (own !== null) throw new ResultsError(file, path, own[1]!, own[2]!);
  throw new ResultsError(file, path, expectedOf(issue), describeFound(issue.input));
}

/**
 * What `issue` expected, worded for "expected X, found Y" (zod's own message says "Invalid input:
 * expected ..."): a literal or an option JSON-quoted, like what was found; a bound, a union and
 * the rest worded as for a scenario file.
 */
function expectedOf(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.expected;
    case 'invalid_value': {
      const values = issue.values.map((v) => JSON.stringify(v));
      return values.length === 1 ? values[0]! : `one of ${values.join(', ')}`;
    }
    case 'invalid_format':
      return issue.pattern === undefined ? `a ${issue.format} string` : `a string matching ${issue.pattern}`;
    default:
      return translateIssues([issue], undefined, () => [])[0]?.expected ?? issue.message;
  }
}
