import { describe, expect, it } from 'vitest';
import { buildTopology, type HospitalLayout, latencyMatrix, sitesOf } from './topology.ts';

const topo = buildTopology({
  hospitals: 2,
  wardsPerHospital: 2,
  bedsPerWard: 2,
  devicesPerBed: { ecgPatch: 1, pulseOximeter: 1, cgm: 0, bpCuff: 0, infusionPump: 0, wearable: 0 },
  consortium: { nodesPerHospital: 1, lab: 1, insurer: 0, regulator: 1 },
  cliniciansPerWard: 1,
  researchers: 1,
});

describe('sitesOf', () => {
  it("puts each device, in its hospital's radio region, at its hospital's site and every other host, hosts added later included, at the region it was placed in", () => {
    const radioOf = new Map(topo.devices.map((d) => [d.host, topo.hospitals[d.hospital]!.radioRegion]));
    const placedIn = (h: number): number => radioOf.get(h) ?? 100 + h;
    const sites = sitesOf(topo, topo.hostCount + 2, placedIn);
    expect(sites).toHaveLength(topo.hostCount + 2);
    for (const d of topo.devices) expect(sites[d.host]).toBe(topo.hospitals[d.hospital]!.region);
    sites.forEach((site, h) => {
      if (!radioOf.has(h)) expect(site).toBe(placedIn(h));
    });
  });
});

describe('latencyMatrix', () => {
  it('gives radio within a hospital (its radio region and its site), LAN within a site and WAN everywhere else', () => {
    const radio = { kind: 'fixed', value: 5_000 } as const;
    const lan = { kind: 'fixed', value: 1_000 } as const;
    const wan = { kind: 'fixed', value: 15_000 } as const;
    const m = latencyMatrix(topo.radioHome, radio, lan, wan);
    const [h0, h1] = topo.hospitals as [HospitalLayout, HospitalLayout];
    const lab = topo.regions.indexOf('lab');
    expect(m[h0.radioRegion]![h0.region]).toBe(radio);
    expect(m[h0.region]![h0.radioRegion]).toBe(radio);
    expect(m[h0.radioRegion]![h0.radioRegion]).toBe(radio);
    expect(m[h0.region]![h0.region]).toBe(lan);
    expect(m[lab]![lab]).toBe(lan);
    expect(m[h0.radioRegion]![h1.region]).toBe(wan);
    expect(m[h0.radioRegion]![h1.radioRegion]).toBe(wan);
    expect(m[h0.radioRegion]![lab]).toBe(wan);
    expect(m[h0.region]![h1.region]).toBe(wan);
    expect(m[lab]![h1.region]).toBe(wan);
  });
});
