/**
 * The device inter-arrival CUSUM of the bundled scenarios, held to its design (docs/references.md
 * §9): at most one false alarm per hour in the whole scenario, its mean and sd estimated from its
 * warm-up, in-control samples taken as normal (the model's periodic devices jitter uniformly, whose
 * lighter tails alarm far less); and an attack that adds readings seen at once.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../scenario/load.ts';
import { DEVICE_KIND_DEFINITIONS } from '../device-kinds/index.ts';
import { cusumArl, cusumFalseAlarmRate, normalInterval } from './run-length.ts';

const scenariosDir = fileURLToPath(new URL('../../../scenarios/', import.meta.url));
const HOUR_US = 3_600_000_000;

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((e) => {
    const p = join(dir, e);
    return statSync(p).isDirectory() ? yamlFiles(p) : /\.ya?ml$/.test(e) ? [p] : [];
  });
}

interface Design {
  readonly file: string;
  readonly k: number;
  readonly h: number;
  readonly warmup: number;
  /** Inter-arrival samples per hour of the periodic devices (event-driven pumps report as a Poisson process, not modelled here). */
  readonly samplesPerHour: number;
}

function designs(): Design[] {
  return yamlFiles(scenariosDir).flatMap((file) => {
    const iomt = loadScenario(file).scenario.iomt;
    const spec = iomt?.detectors.find((d) => d.type === 'cusum' && d.scope === 'device' && d.feature === 'interarrival');
    if (iomt === undefined || spec === undefined || spec.type !== 'cusum') return [];
    const beds = iomt.hospitals * iomt.wardsPerHospital * iomt.bedsPerWard;
    let samplesPerHour = 0;
    for (const kind of DEVICE_KIND_DEFINITIONS) {
      if (!kind.profile.eventDriven) samplesPerHour += (beds * iomt.devicesPerBed[kind.kind] * HOUR_US) / kind.profile.intervalUs;
    }
    return [{ file: file.slice(scenariosDir.length), k: spec.k, h: spec.h, warmup: spec.warmup, samplesPerHour }];
  });
}

describe('device inter-arrival CUSUM of the bundled scenarios', () => {
  const all = designs();
  const rates = new Map<string, number>();
  const rateOf = (d: Design): number => {
    const key = `${d.k}/${d.h}/${d.warmup}`;
    if (!rates.has(key)) rates.set(key, cusumFalseAlarmRate(d.k, d.h, d.warmup));
    return rates.get(key)!;
  };

  it('is in hospital.yaml and regional.yaml, the largest', () => {
    expect(all.map((d) => d.file)).toEqual(expect.arrayContaining(['hospital.yaml', 'regional.yaml']));
  });

  it('raises at most one false alarm per hour in the whole scenario', () => {
    const over = all.map((d) => ({ file: d.file, perHour: d.samplesPerHour * rateOf(d) })).filter((x) => x.perHour > 1);
    expect(over).toEqual([]);
  });

  it('alarms within about 5 samples of a 3σ shift and at the first sample of an added reading per interval', () => {
    for (const d of all) {
      expect(cusumArl(d.k, d.h, normalInterval(3)), d.file).toBeLessThan(6);
      // One extra reading per 1 s interval halves the mean inter-arrival: about −43σ at ±20 ms jitter.
      expect(cusumArl(d.k, d.h, normalInterval(-43)), d.file).toBe(1);
    }
  });
});
