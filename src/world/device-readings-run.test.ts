/**
 * How many readings devices send over a run, against their documented rates: an event-driven
 * device (infusion pump, one reading per 10 min on average, a Poisson process) sends T / 10 min
 * readings in expectation over T, from the first minute of the run as at any other time.
 */
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../scenario/index.ts';
import { runIomtWorld } from './testing/run.ts';

describe('device reading counts', () => {
  it('gives 400 infusion pumps over 20 minutes their Poisson mean of 800 readings, within four standard deviations', () => {
    const sets = ['attacks=[]', 'expect={}', 'iomt.detectors=[]', 'iomt.devicesPerBed={ecgPatch: 0, pulseOximeter: 0, cgm: 0, bpCuff: 0, infusionPump: 5, wearable: 0}', 'iomt.wardsPerHospital=4', 'iomt.bedsPerWard=20', 'duration=20m', 'iomt.access.clinicianRatePerHour=0', 'iomt.access.researcherRatePerHour=0'];
    const sent = runIomtWorld(loadScenario('scenarios/default.yaml', sets).scenario, 1).metrics['iomt.readings_sent']!.value;
    // A first reading drawn uniformly in the first 10 minutes gave 1 + (T − 5 min) / 10 min = 2.5 a pump: 1,000.
    expect(Math.abs(sent - 800)).toBeLessThan(4 * Math.sqrt(800));
  });
});
