/** Reading the IoMT world's layout the way device attacks name their targets (0-based ordinals). */
import type { NodeEndpoint } from '../../iomt/node-link.ts';
import { macCostUs } from '../../ledger/crypto.ts';
import type { Topology } from '../../iomt/topology.ts';
import type { IomtWorld } from '../../iomt/world.ts';
import type { TargetIssues } from '../definition.ts';
import type { DeviceWorldSizes } from './hooks.ts';

/** The sizes a device attack's targets are checked against, from the world's layout (built or only planned). */
export function deviceWorldSizes(topo: Topology): DeviceWorldSizes {
  return { devices: topo.devices.length, gateways: topo.hospitals.reduce((n, h) => n + h.gateways.length, 0), hospitals: topo.hospitals.length, clinicians: topo.clinicians.length };
}

/** Gateway hosts in gateway order (hospital by hospital, ward by ward). */
export function gatewayHosts(world: IomtWorld): number[] {
  return world.topology.hospitals.flatMap((h) => h.gateways);
}

/** A link on the radio hop of `gateway`'s hospital at a device's upload rate (an attacker's radio in range of that gateway). */
export function radioLink(world: IomtWorld, gateway: number): { region: number; uploadBitsPerSec: number; downloadBitsPerSec: number } {
  const hospital = world.topology.hospitals.find((h) => h.gateways.includes(gateway));
  if (hospital === undefined) throw new RangeError(`radioLink: host ${gateway} is not a gateway`);
  const bps = world.config.links.deviceUploadBps;
  return { region: hospital.radioRegion, uploadBitsPerSec: bps, downloadBitsPerSec: bps };
}

/** A link at a site's bandwidth in `region`. */
export function siteLink(world: IomtWorld, region: number): { region: number; uploadBitsPerSec: number; downloadBitsPerSec: number } {
  const bps = world.config.links.siteBandwidthBps;
  return { region, uploadBitsPerSec: bps, downloadBitsPerSec: bps };
}

/** How an attacker host or a security service reaches its organisation's node `host` (src/iomt/node-link.ts). */
export function nodeEndpoint(world: IomtWorld, host: number): NodeEndpoint {
  return { host, macUs: macCostUs(world.config.cryptoCosts), retryUs: world.config.retransmitUs };
}

/** The specs aimed at `target`, once per time they name it, in scenario order. */
export function specsAimedAt<S>(specs: readonly { readonly spec: S }[], targetsOf: (spec: S) => readonly number[], target: number): S[] {
  const out: S[] = [];
  for (const { spec } of specs) for (const t of targetsOf(spec)) if (t === target) out.push(spec);
  return out;
}

/** The target check of an attack on a list of devices: each number names an existing device. */
export function checkDeviceTargets(spec: { readonly devices: readonly number[] }, sizes: DeviceWorldSizes, issues: TargetIssues): void {
  spec.devices.forEach((d, j) => issues.index(`devices.${j}`, d, sizes.devices, 'a device number'));
}
