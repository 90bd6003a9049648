/**
 * The scenario file's schema. Each top-level section has its own file under sections/, owned by
 * the model it configures. Unknown keys are errors everywhere (`strict`): a typo must not silently
 * run a default.
 */
import { z } from 'zod';
import { zDurationUs, zPositiveDurationUs } from './zod-units.ts';
import { zNetwork } from './sections/network.ts';
import { zConsensus } from './sections/consensus.ts';
import { zWorkload } from './sections/workload.ts';
import { zAttacks } from './sections/attacks.ts';
import { zIomt } from './sections/iomt.ts';
import { CONDITION_EXAMPLES, METRIC_NAME, parseCondition } from './conditions.ts';

/** `expect:` maps a metric name to a condition on its mean over replications. */
const zExpect = z.record(
  z.string().regex(METRIC_NAME, 'a metric name in dotted lower snake case, such as safety.violations'),
  z.string().refine((text) => parseCondition(text) !== undefined, { error: (issue) => `expected ${CONDITION_EXAMPLES}, found '${String(issue.input)}'` }),
);

export const zScenario = z
  .object({
    name: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'lower-case letters, digits, ".", "_" or "-"'),
    description: z.string().default(''),
    /** Root seed; replication k runs with a seed derived from it. */
    seed: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).default(1),
    /** Simulated time to run. */
    duration: zPositiveDurationUs,
    /** Measurements before this time are discarded (warm-up). */
    warmup: zDurationUs.default(0),
    /** Replications to run unless `--reps` says otherwise. */
    replications: z.number().int().min(1).max(100_000).default(1),
    /** Conditions on metric means that must hold; a failed expectation makes the run exit 1. */
    expect: zExpect.default({}),
    /** Run even when the faulty replicas exceed what the protocol tolerates (to show what breaks). */
    allowOutsideFaultModel: z.boolean().default(false),
    network: zNetwork.default(() => zNetwork.parse({})),
    consensus: zConsensus.default(() => zConsensus.parse({})),
    workload: zWorkload.default(() => zWorkload.parse({})),
    attacks: zAttacks,
    /** IoMT trust layer (devices, gateways, contracts); present ⇒ the run uses the IoMT model. */
    iomt: zIomt.optional(),
  })
  .strict();

/** A scenario after validation: every default filled, every quantity in base units. */
export type Scenario = z.output<typeof zScenario>;
/** A scenario as written in a file. */
export type ScenarioInput = z.input<typeof zScenario>;
