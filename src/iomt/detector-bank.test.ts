import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DetectorBank, detectorMetricPrefix, detectorName, FEATURE_INDEX, type DetectorSpec } from './detector-bank.ts';
import type { DetectorDefinition } from './detector-kinds/definition.ts';
import type { StreamDetector } from './detectors.ts';

/** A plug-in kind whose `create` returns `made`. */
function kind(made: () => unknown): DetectorDefinition {
  return { type: 'odd', title: 'Odd', reference: 'none', paramsSchema: z.object({}), create: made as () => StreamDetector };
}

const spec = { type: 'odd', scope: 'device', feature: 'value', warmup: 2 } as unknown as DetectorSpec;

describe('DetectorBank with a plug-in detector kind', () => {
  it('refuses an update that returns anything but true or false, naming the detector and what it returned', () => {
    const bank = new DetectorBank([spec], 'device', [kind(() => ({ alarmed: false, update: () => 'yes' }))], 1);
    expect(() => bank.feed(FEATURE_INDEX.value, 0, 1)).toThrow("detector 'odd:value': update returned 'yes', expected true or false (whether this sample moves it into alarm)");
  });

  it('refuses a create that returns no detector, naming the type, when the bank is built', () => {
    expect(() => new DetectorBank([spec], 'device', [kind(() => ({}))], 1)).toThrow("detector 'odd': create returned a mapping, expected a detector with an update function");
  });

  it('scores a boolean update as it is', () => {
    const bank = new DetectorBank([spec], 'device', [kind(() => ({ alarmed: true, update: () => true }))], 1);
    expect(bank.feed(FEATURE_INDEX.value, 0, 1)).toEqual({ raised: ['odd:value'], cleared: [] });
  });
});

describe("docs/plugins.md's detector example", () => {
  it('names the metrics its type produces', () => {
    const doc = readFileSync('docs/plugins.md', 'utf8');
    const [, type, prefix] = /type: '([a-z0-9-]+)',\s*\/\/ metrics: (\S+)_<feature>\.\*/.exec(doc)!;
    expect(`${prefix}_value`).toBe(detectorMetricPrefix(detectorName({ ...spec, type } as DetectorSpec)));
  });
});
