/**
 * attack.records_unrecoverable against a closed form: gateways send each batch once, so the
 * records lost with the encrypted store are those of the batches sealed while it was down, about
 * the readings accepted at the world's rate over the window. Each gateway seals a batch every
 * batch interval, so the window's two edges cut at most one batch per gateway between them: the
 * count is within one batch interval's readings (all gateways together) of rate × window.
 */
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../scenario/index.ts';
import { runIomtWorld } from './testing/run.ts';

function run(endS: number) {
  const { scenario } = loadScenario('scenarios/attacks/ransomware.yaml', [`attacks.0.end=${endS}s`]);
  const m = runIomtWorld(scenario, scenario.seed).metrics;
  const perS = m['iomt.readings_accepted']!.value / (scenario.duration / 1_000_000);
  return { lost: m['attack.records_unrecoverable']!.value, perS, batchS: scenario.iomt!.gateway.batchInterval / 1_000_000 };
}

describe('ransomware on the record store', () => {
  it.each([120, 90])('loses the records of the batches sealed from 60 s to %i s, and none sealed after the store is restored', (endS) => {
    const { lost, perS, batchS } = run(endS);
    expect(perS).toBeGreaterThan(5);
    expect(Math.abs(lost - perS * (endS - 60))).toBeLessThanOrEqual(perS * batchS);
  });
});
