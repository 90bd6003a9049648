/** src/scenario: scenario files (YAML, extends, overrides), validation, sweeps, JSON Schema. */
export { zScenario, type Scenario, type ScenarioInput } from './schema.ts';
export { loadScenario, loadScenarioAsync, loadScenarioForGridAsync, loadScenarioText, validateScenarioInput, applyOverrides, blameFor, type LoadedScenario } from './load.ts';
export { InputError, inputError, formatIssue, type InputIssue } from './errors.ts';
export { parseSet, type Override } from './overrides.ts';
export { parseVary, parseIntegerRange, gridPoints, pointOverrides, checkDistinctDimensions, checkSetsNotVaried, type Dimension, type SweepParameters, type NumericRange } from './sweep.ts';
export { parseCondition, parseSlo, holds, holdsThroughout, infiniteBound, EXPECT_RULES, type ExpectRule, FINITE_BOUND, type Condition, type Slo, SLO_EXAMPLES } from './conditions.ts';
export { scenarioJsonSchema } from './json-schema.ts';
export { checkFaultModel } from './fault-model.ts';
