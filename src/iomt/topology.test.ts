import { describe, expect, it } from 'vitest';
import { buildTopology, sitesOf } from './topology.ts';

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
  it("puts each device at its hospital's site and every other host, hosts added later included, at the region it was placed in", () => {
    const placedIn = (h: number): number => 100 + h;
    const sites = sitesOf(topo, topo.hostCount + 2, placedIn);
    expect(sites).toHaveLength(topo.hostCount + 2);
    const devices = new Set(topo.devices.map((d) => d.host));
    for (const d of topo.devices) expect(sites[d.host]).toBe(topo.hospitals[d.hospital]!.region);
    sites.forEach((site, h) => {
      if (!devices.has(h)) expect(site).toBe(placedIn(h));
    });
  });
});
