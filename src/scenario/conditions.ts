/**
 * Conditions on metric values, as written in `expect:` (`"<= 2000"`) and in `--slo`
 * (`consensus.commit_latency_ms.p99<=2000`). Comparison is exact: `== 0` means exactly zero.
 */
export type ComparisonOp = '==' | '!=' | '<=' | '>=' | '<' | '>';

export interface Condition {
  readonly op: ComparisonOp;
  readonly value: number;
}

export interface Slo {
  readonly metric: string;
  readonly condition: Condition;
  /** The condition as written after the metric name, e.g. `<= 2000`. */
  readonly conditionText: string;
  /** The whole SLO as given (`--slo`'s value), for messages naming it. */
  readonly text?: string;
}

const NUMBER = String.raw`[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?`;
const CONDITION = new RegExp(String.raw`^\s*(==|!=|<=|>=|<|>)\s*(${NUMBER})\s*$`);
const SLO = new RegExp(String.raw`^\s*([a-z][a-z0-9_]*(?:\.[a-z0-9_]+)*)\s*(==|!=|<=|>=|<|>)\s*(${NUMBER})\s*$`);

export const METRIC_NAME = /^[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)*$/;
export const CONDITION_EXAMPLES = "a condition such as '== 0', '<= 2000' or '> 0.9'";
export const SLO_EXAMPLES = "an SLO such as 'consensus.commit_latency_ms.p99<=2000' or 'safety.violations==0'";

/** What a condition's bound must be: a number too large for a double reads as ±Infinity, which no comparison should rest on. */
export const FINITE_BOUND = `a condition whose bound is a finite number (at most ${Number.MAX_VALUE} in magnitude)`;

/** The bound of a condition written with valid syntax whose number is not finite (`<= 1e400`), as written; else undefined. */
export function infiniteBound(text: string): string | undefined {
  const m = CONDITION.exec(text) ?? SLO.exec(text);
  const written = m?.[m.length - 1];
  return written !== undefined && !Number.isFinite(Number(written)) ? written : undefined;
}

/** The condition `text` states; undefined when it is not one, or its bound is not a finite number. */
export function parseCondition(text: string): Condition | undefined {
  const m = CONDITION.exec(text);
  return m && Number.isFinite(Number(m[2])) ? { op: m[1] as ComparisonOp, value: Number(m[2]) } : undefined;
}

/** The SLO `text` states; undefined when it is not one, or its bound is not a finite number. */
export function parseSlo(text: string): Slo | undefined {
  const m = SLO.exec(text);
  if (!m || !Number.isFinite(Number(m[3]))) return undefined;
  const condition = { op: m[2] as ComparisonOp, value: Number(m[3]) };
  return { metric: m[1]!, condition, conditionText: `${condition.op} ${m[3]}`, text };
}

/**
 * How a condition is judged over a point's replications (the scenario's `expectRule`, for `expect:`
 * and `iomtsim size`'s `--slo` alike): `mean`, the mean meets it; `interval`, the whole Student-t
 * 95 % interval of the mean meets it; `every`, the mean and each replication meet it. The stricter
 * two never pass what `mean` fails (src/runner/verdict.ts).
 */
export const EXPECT_RULES = ['mean', 'interval', 'every'] as const;
export type ExpectRule = (typeof EXPECT_RULES)[number];

export function holds(condition: Condition, observed: number): boolean {
  const v = condition.value;
  switch (condition.op) {
    case '==': return observed === v;
    case '!=': return observed !== v;
    case '<=': return observed <= v;
    case '>=': return observed >= v;
    case '<': return observed < v;
    case '>': return observed > v;
  }
}

/** Whether every value in [lo, hi] meets the condition: its far end does (both ends and all between for `==`; the bound outside it for `!=`). */
export function holdsThroughout(condition: Condition, lo: number, hi: number): boolean {
  const v = condition.value;
  switch (condition.op) {
    case '==': return lo === v && hi === v;
    case '!=': return v < lo || v > hi;
    case '<=': return hi <= v;
    case '>=': return lo >= v;
    case '<': return hi < v;
    case '>': return lo > v;
  }
}
