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
    network: zNetwork.default(() => zNetwork.parse({})),
    consensus: zConsensus.default(() => zConsensus.parse({})),
    workload: zWorkload.default(() => zWorkload.parse({})),
  })
  .strict();

/** A scenario after validation: every default filled, every quantity in base units. */
export type Scenario = z.output<typeof zScenario>;
/** A scenario as written in a file. */
export type ScenarioInput = z.input<typeof zScenario>;
