import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../scenario/load.ts';
import { runIomtWorld } from './testing/run.ts';

// record-tamper in whole IoMT worlds: whether the records it alters are read, and what the readers'
// proof checks make of them (its unit tests are beside the attack, src/attacks/iomt/record-tamper.test.ts).
describe('record-tamper in a world', () => {
  it("exposes altered records read at the default timing, though its interval is a multiple of the gateways' batch interval (default.yaml)", () => {
    // Every device, the defaults (from 0 s, every 10 s) against 5 s batches. With
    // one phase for all, each alteration came just before the next batch replaced it: none was read.
    const devices = Array.from({ length: 240 }, (_, d) => d);
    const { scenario } = loadScenario(fileURLToPath(new URL('../../scenarios/default.yaml', import.meta.url)), [
      'duration=90s', 'warmup=10s', 'expect={}', 'iomt.access.clinicianRatePerHour=600', `attacks=[{type: record-tamper, devices: [${devices.join(',')}]}]`,
    ]);
    expect(scenario.iomt!.gateway.batchInterval).toBe(5_000_000);
    const m = runIomtWorld(scenario, scenario.seed).metrics;
    expect(m['attack.tampered_records_read']!.value).toBeGreaterThan(0);
    expect(m['attack.tampered_reads_caught']!.value).toBe(m['attack.tampered_records_read']!.value);
  }, 60_000);

  it("reports the altered records readers were served and what their checks made of them (bundled record-tamper.yaml)", () => {
    const { scenario } = loadScenario(fileURLToPath(new URL('../../scenarios/attacks/record-tamper.yaml', import.meta.url)), []);
    const m = runIomtWorld(scenario, scenario.seed).metrics;
    const read = m['attack.tampered_records_read']!.value;
    const caught = m['attack.tampered_reads_caught']!.value;
    expect(read).toBeGreaterThan(0);
    expect(read).toBeLessThanOrEqual(m['attack.records_tampered']!.value);
    // Every invalid check is of an altered record (nothing else alters records here), and none passed.
    expect(caught).toBe(m['iomt.integrity_checks_invalid']!.value);
    expect(m['attack.tampered_reads_passed']!.value).toBe(0);
    expect(caught).toBeLessThanOrEqual(read);
  }, 60_000);
});
