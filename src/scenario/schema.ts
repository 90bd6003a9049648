/**
 * The scenario file's schema. Each top-level section has its own file under sections/, owned by
 * the model it configures. Unknown keys are errors everywhere (`strict`): a typo must not silently
 * run a default.
 */
import { z } from 'zod';
import { zDurationUs, zPositiveDurationUs } from './zod-units.ts';
import { zNetwork } from './sections/network.ts';
import { consensusSchema, zConsensus } from './sections/consensus.ts';
import { zWorkload } from './sections/workload.ts';
import { attackSchema, zAttacks } from './sections/attacks.ts';
import type { Registries } from '../plugins/registries.ts';
import { iomtSchema, zIomt } from './sections/iomt.ts';
import { zPlugins } from './sections/plugins.ts';
import { detectorSpecSchema } from '../iomt/detector-kinds/index.ts';
import { CONDITION_EXAMPLES, EXPECT_RULES, FINITE_BOUND, infiniteBound, METRIC_NAME, parseCondition } from './conditions.ts';

/** `expect:` maps a metric name to a condition on it over the replications (judged by `expectRule`). */
const zExpect = z.record(
  z.string().regex(METRIC_NAME, 'a metric name in dotted lower snake case, such as safety.violations'),
  // A bare number (`0`) reads as YAML's number, not a condition: said as the condition expected.
  z.string({ error: (issue) => `expected ${CONDITION_EXAMPLES}, found ${JSON.stringify(issue.input)}` }).refine((text) => parseCondition(text) !== undefined, {
    error: (issue) => {
      const text = String(issue.input);
      const bound = infiniteBound(text);
      return bound === undefined ? `expected ${CONDITION_EXAMPLES}, found '${text}'` : `expected ${FINITE_BOUND}, found '${text}' (${bound} reads as ${Number(bound)})`;
    },
  }),
);

/** A scenario's name is one folder under results/: '.', '..' and path separators would put its results elsewhere. */
const SCENARIO_NAME = /^[a-z0-9][a-z0-9._-]*$/;
const NAME_RULE = 'lower-case letters, digits, ".", "_" or "-", the first a letter or digit';

/** The rule a refused name breaks: the allowed characters alone do not say why '..' is refused. */
function scenarioNameRule(name: string): string {
  if (/[/\\]/.test(name)) return `a name without path separators, as it names one folder under results/ (${NAME_RULE})`;
  if (name.startsWith('.')) return `a name that does not start with '.', so not '.' or '..', as it names one folder under results/ (${NAME_RULE})`;
  return NAME_RULE;
}

function scenarioSchema<C extends z.ZodType, A extends z.ZodType, I extends z.ZodType>(consensus: C, attacks: A, iomt: I) {
  return z
    .object({
      name: z.string().regex(SCENARIO_NAME, { error: (issue) => scenarioNameRule(String(issue.input)) }),
      description: z.string().default(''),
      /** Root seed; replication k runs with a seed derived from it. */
      seed: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).default(1),
      /** Simulated time to run: the run covers [0, duration), so what is due at the end itself does not happen. At most 2^53 − 1 µs (about 285 years), the range the simulator's clock counts exactly. */
      duration: zPositiveDurationUs,
      /** Measurements before this time are discarded (warm-up). */
      warmup: zDurationUs.default(0),
      /** Replications to run unless `--reps` says otherwise. */
      replications: z.number().int().min(1).max(100_000).default(1),
      /** Conditions on metrics that must hold, judged on their mean over the replications (or as `expectRule` says); a failed expectation makes the run exit 1. A name no metric catalog lists (`iomtsim list metrics`) is refused when the file loads, and one a run or a sweep's point cannot report (an IoMT metric without `iomt:`, a `pow.`/`poa.` metric of another protocol, a detector's metric where none configures it) before anything runs, unless plug-ins may report metrics of their own. */
      expect: zExpect.default({}),
      /** How each `expect:` condition, and each `iomtsim size` SLO, is judged over the replications: `mean`, the mean meets it, whatever single replications do (near the bound, other seeds may give the other verdict); `interval`, the whole Student-t 95 % interval of the mean, clamped to the values the metric can take, meets it (a failure with fewer than 2 replications, which give no interval); `every`, the mean and each replication meet it. Every verdict shows the mean, its interval and how many replications break the condition, whatever the rule. */
      expectRule: z.enum(EXPECT_RULES).default('mean'),
      /** Run even when the faulty replicas exceed what the protocol tolerates (to show what breaks). */
      allowOutsideFaultModel: z.boolean().default(false),
      network: zNetwork.default(() => zNetwork.parse({})),
      consensus,
      workload: zWorkload.default(() => zWorkload.parse({})),
      attacks,
      /** IoMT trust layer (devices, gateways, contracts); present ⇒ the run uses the IoMT model. */
      iomt: iomt.optional(),
      /** Plug-in modules named in the scenario, filled in when it is loaded (docs/plugins.md). */
      plugins: zPlugins.optional(),
    })
    .strict();
}

export const zScenario = scenarioSchema(zConsensus.default(() => zConsensus.parse({})), zAttacks, zIomt);

const withPlugins = new Map<string, typeof zScenario>();

/**
 * The schema for the in-tree definitions plus the plug-ins of `registries` (their protocol names,
 * parameter blocks, attack types and detector types). Typed as the in-tree schema: a plug-in's names are strings
 * the in-tree unions do not list, and the code that reads them looks them up in the registries.
 */
export function scenarioSchemaFor(registries: Registries): typeof zScenario {
  if (registries.plugins.length === 0) return zScenario;
  const key = registries.plugins.map((p) => `${p.sha256}:${p.module}`).join('|');
  let schema = withPlugins.get(key);
  if (schema === undefined) {
    const consensus = consensusSchema(registries.protocols as never);
    schema = scenarioSchema(
      consensus.default(() => consensus.parse({})),
      z.array(attackSchema(registries.attacks)).default([]),
      iomtSchema(detectorSpecSchema(registries.detectors)),
    ) as unknown as typeof zScenario;
    withPlugins.set(key, schema);
  }
  return schema;
}

/** A scenario after validation: every default filled, every quantity in base units. */
export type Scenario = z.output<typeof zScenario>;
/** A scenario as written in a file. */
export type ScenarioInput = z.input<typeof zScenario>;
