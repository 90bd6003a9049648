/**
 * A configuration iomtsim fuzz found (a scenario under docs/fuzz-findings/) run through the world as
 * the CLI would load it, for the regression test of the protocol fix it led to.
 */
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { loadScenarioAsync } from '../../scenario/load.ts';
import { runConsensusWorld } from './run.ts';

/** Each check's verdict on the finding `name` (with `--set` overrides): "true <detail>" or "false <detail>", by check name. */
export async function findingVerdicts(name: string, sets: readonly string[] = []): Promise<Readonly<Record<string, string>>> {
  const file = fileURLToPath(new URL(`../../../docs/fuzz-findings/${name}.yaml`, import.meta.url));
  const { scenario } = await loadScenarioAsync(file, sets);
  const out = runConsensusWorld(scenario, scenario.seed);
  return Object.fromEntries(out.checks.map((c) => [c.name, `${c.passed} ${c.detail}`]));
}

/** The regression test of a liveness finding: on it, the protocol commits again within the bound and stays safe. */
export function itCommitsAgainAndStaysSafe(name: string): void {
  it('commits again within the liveness bound and stays safe', async () => {
    const verdict = await findingVerdicts(name);
    expect(verdict['liveness']).toMatch(/^true/);
    expect(verdict['safety']).toMatch(/^true/);
  }, 60_000);
}
