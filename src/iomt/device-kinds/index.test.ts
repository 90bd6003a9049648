import { describe, expect, it } from 'vitest';
import { zIomt } from '../../scenario/sections/iomt.ts';
import { DEFAULT_PROFILES, DEVICE_KINDS, deviceProfiles } from '../profiles.ts';
import { CHANNELS } from '../vitals.ts';
import { DEVICE_KIND_DEFINITIONS } from './index.ts';

describe('device kinds', () => {
  it('registers each kind once, measuring a known vital sign, new kinds after the first six (bed-placement order)', () => {
    expect(new Set(DEVICE_KINDS).size).toBe(DEVICE_KINDS.length);
    expect(DEVICE_KINDS.slice(0, 6)).toEqual(['ecgPatch', 'pulseOximeter', 'cgm', 'bpCuff', 'infusionPump', 'wearable']);
    for (const d of DEVICE_KIND_DEFINITIONS) {
      expect(d.profile.kind, d.kind).toBe(d.kind);
      expect(CHANNELS).toContain(d.profile.channel);
    }
  });

  it('keeps the defaults of docs/references.md §1', () => {
    expect(DEFAULT_PROFILES.pulseOximeter).toEqual({ kind: 'pulseOximeter', channel: 'spo2', intervalUs: 1_000_000, jitterUs: 20_000, eventDriven: false, payloadBytes: 20, clockDriftPpm: 50, processingLagUs: 5_000_000 });
    expect(DEFAULT_PROFILES.infusionPump).toMatchObject({ intervalUs: 600_000_000, eventDriven: true, payloadBytes: 100 });
    expect(Object.values(zIomt.parse({}).devicesPerBed).reduce((a, b) => a + b, 0)).toBe(12);
  });

  it('derives the scenario section: per-kind bed counts and profile overrides merged into the defaults', () => {
    const s = zIomt.parse({ devicesPerBed: { wearable: 0 }, profiles: { cgm: { interval: '1m', payload: '40B' } } });
    expect(s.devicesPerBed).toMatchObject({ ecgPatch: 1, pulseOximeter: 1, cgm: 1, bpCuff: 1, infusionPump: 5, wearable: 0 });
    const merged = deviceProfiles(s.profiles);
    expect(merged.cgm).toEqual({ ...DEFAULT_PROFILES.cgm, intervalUs: 60_000_000, payloadBytes: 40 });
    expect(merged.ecgPatch).toBe(DEFAULT_PROFILES.ecgPatch);
    expect(zIomt.safeParse({ profiles: { pacemaker: {} } }).success).toBe(false);
  });
});
