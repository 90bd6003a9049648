import { describe, expect, it } from 'vitest';
import { loadScenario } from '../scenario/index.ts';
import { parseThresholdFlag, quoteConditionValue, scenarioSets } from './options.ts';

describe('--set with an expectation condition', () => {
  it('quotes a value that starts with a comparison operator and leaves others alone', () => {
    expect(quoteConditionValue('expect.consensus.throughput_tps=>= 1000')).toBe("expect.consensus.throughput_tps='>= 1000'");
    expect(quoteConditionValue('expect.safety.violations=!= 0')).toBe("expect.safety.violations='!= 0'");
    expect(quoteConditionValue('consensus.nodes=7')).toBe('consensus.nodes=7');
  });

  it('loads as the condition the user wrote', () => {
    const loaded = loadScenario('scenarios/consortium.yaml', scenarioSets({ set: ['expect.consensus.throughput_tps=>= 1000', 'expect.safety.violations=!= 0'] }));
    expect(loaded.scenario.expect['consensus.throughput_tps']).toBe('>= 1000');
    expect(loaded.scenario.expect['safety.violations']).toBe('!= 0');
  });
});

describe('--threshold', () => {
  it('reads a percentage or a fraction', () => {
    expect(parseThresholdFlag('5%')).toBeCloseTo(0.05, 12);
    expect(parseThresholdFlag('0.1')).toBe(0.1);
    expect(() => parseThresholdFlag('150%')).toThrow("found '150%'");
  });
});
