/**
 * Where everything sits: hospitals → wards → beds → devices, one gateway per ward, one off-chain
 * store, care-team station, administration and patient portal per hospital, and the consortium's
 * nodes per organisation (hospitals, lab, insurer, regulator). Host ids are laid out in advance
 * (the engine numbers hosts in the order they are added) so genesis state can name gateways.
 *
 * Regions: one site per hospital and per other organisation, then one radio region per hospital
 * (its devices). Latency: `radio` between a hospital's radio region and its own site or itself;
 * `lan` within a site; `wan` between sites and from a radio region to any other site or radio
 * region. No model sends a device's messages past its hospital: the WAN stands for that longer
 * path, and it keeps the least latency between hospitals that of the WAN, which is the window a
 * run split by hospital over threads may take (docs/architecture.md).
 *
 * Each node, device, clinician and patient also has a place: its name by role and position (a
 * bed's second glucose monitor, a ward's third clinician), which does not change when other parts
 * of the world grow. Random streams are named by place, so that worlds of different sizes draw the
 * same numbers for what they share (common random numbers, docs/architecture.md).
 */
import type { DistributionSpec } from '../../sim/index.ts';
import { DEVICE_KINDS, type DeviceKind } from './profiles.ts';

export interface TopologyConfig {
  readonly hospitals: number;
  readonly wardsPerHospital: number;
  readonly bedsPerWard: number;
  readonly devicesPerBed: Readonly<Record<DeviceKind, number>>;
  readonly consortium: { readonly nodesPerHospital: number; readonly lab: number; readonly insurer: number; readonly regulator: number };
  readonly cliniciansPerWard: number;
  readonly researchers: number;
}

export interface NodePlacement {
  readonly host: number;
  readonly org: string;
  readonly region: number;
  /** The organisation and the node's number within it, such as `hospital-1/0`. */
  readonly place: string;
}

export interface HospitalLayout {
  readonly index: number;
  readonly region: number;
  /** The radio region of the hospital's devices (and of attacker radios beside its gateways). */
  readonly radioRegion: number;
  readonly store: number;
  readonly careTeam: number;
  readonly admin: number;
  readonly portal: number;
  /** Gateway host of each ward. */
  readonly gateways: readonly number[];
  /** First consensus node of this hospital (its staff's and gateways' node). */
  readonly node: number;
}

export interface DevicePlacement {
  readonly index: number;
  readonly host: number;
  readonly kind: DeviceKind;
  readonly patient: number;
  readonly hospital: number;
  readonly ward: number;
  readonly gateway: number;
  /** Hospital, ward, bed, kind and number among the bed's devices of that kind, such as `h0/w1/b2/cgm/0`. */
  readonly place: string;
}

export interface ClinicianPlacement {
  readonly host: number;
  readonly hospital: number;
  readonly ward: number;
  /** Hospital, ward and number within the ward, such as `h0/w1/2`. */
  readonly place: string;
}

export interface Topology {
  readonly regions: readonly string[];
  /** For each region, the site whose radio it is (a hospital's region), or -1 for a site. */
  readonly radioHome: readonly number[];
  readonly nodes: readonly NodePlacement[];
  readonly hospitals: readonly HospitalLayout[];
  readonly devices: readonly DevicePlacement[];
  readonly clinicians: readonly ClinicianPlacement[];
  readonly researchers: readonly number[];
  /** Node hosts of the lab (researchers query it), or the first node if there is no lab. */
  readonly researchNode: number;
  readonly patients: number;
  /** Each patient's bed, by patient number, such as `h0/w1/b2`. */
  readonly patientPlaces: readonly string[];
  readonly hostCount: number;
  /** Host kinds in host-id order, for building. */
  readonly hostRoles: readonly ('node' | 'store' | 'care-team' | 'admin' | 'portal' | 'gateway' | 'device' | 'clinician' | 'researcher')[];
}

/** The layout of an IoMT world from its `iomt:` settings (the scenario's section or a world's config), whose staff counts sit under `access`. */
export function topologyOf(c: Omit<TopologyConfig, 'cliniciansPerWard' | 'researchers'> & { readonly access: { readonly cliniciansPerWard: number; readonly researchers: number } }): Topology {
  return buildTopology({ ...c, cliniciansPerWard: c.access.cliniciansPerWard, researchers: c.access.researchers });
}

export function buildTopology(c: TopologyConfig): Topology {
  const regions: string[] = [];
  const hospitalRegion: number[] = [];
  for (let h = 0; h < c.hospitals; h++) hospitalRegion.push(regions.push(`hospital-${h}`) - 1);
  const orgRegion = new Map<string, number>();
  for (const org of ['lab', 'insurer', 'regulator'] as const) if (c.consortium[org] > 0) orgRegion.set(org, regions.push(org) - 1);
  const radioRegion: number[] = [];
  const radioHome: number[] = regions.map(() => -1);
  for (let h = 0; h < c.hospitals; h++) {
    radioRegion.push(regions.push(`hospital-${h}-radio`) - 1);
    radioHome.push(hospitalRegion[h]!);
  }

  const roles: Topology['hostRoles'][number][] = [];
  const nodes: NodePlacement[] = [];
  const firstNodeOfHospital: number[] = [];
  for (let h = 0; h < c.hospitals; h++) {
    firstNodeOfHospital.push(roles.length);
    for (let i = 0; i < c.consortium.nodesPerHospital; i++) {
      nodes.push({ host: roles.length, org: `hospital-${h}`, region: hospitalRegion[h]!, place: `hospital-${h}/${i}` });
      roles.push('node');
    }
  }
  let researchNode = nodes[0]!.host;
  for (const org of ['lab', 'insurer', 'regulator'] as const) {
    for (let i = 0; i < c.consortium[org]; i++) {
      if (org === 'lab' && i === 0) researchNode = roles.length;
      nodes.push({ host: roles.length, org, region: orgRegion.get(org)!, place: `${org}/${i}` });
      roles.push('node');
    }
  }

  const hospitals: HospitalLayout[] = [];
  const devices: DevicePlacement[] = [];
  const clinicians: ClinicianPlacement[] = [];
  const patientPlaces: string[] = [];
  for (let h = 0; h < c.hospitals; h++) {
    const take = (role: Topology['hostRoles'][number]): number => roles.push(role) - 1;
    const store = take('store');
    const careTeam = take('care-team');
    const admin = take('admin');
    const portal = take('portal');
    const gateways: number[] = [];
    for (let w = 0; w < c.wardsPerHospital; w++) gateways.push(take('gateway'));
    for (let w = 0; w < c.wardsPerHospital; w++) {
      for (let b = 0; b < c.bedsPerWard; b++) {
        const patient = patientPlaces.push(`h${h}/w${w}/b${b}`) - 1;
        for (const kind of DEVICE_KINDS) {
          for (let k = 0; k < c.devicesPerBed[kind]; k++) {
            devices.push({ index: devices.length, host: take('device'), kind, patient, hospital: h, ward: w, gateway: gateways[w]!, place: `${patientPlaces[patient]}/${kind}/${k}` });
          }
        }
      }
      for (let k = 0; k < c.cliniciansPerWard; k++) clinicians.push({ host: take('clinician'), hospital: h, ward: w, place: `h${h}/w${w}/${k}` });
    }
    hospitals.push({ index: h, region: hospitalRegion[h]!, radioRegion: radioRegion[h]!, store, careTeam, admin, portal, gateways, node: firstNodeOfHospital[h]! });
  }
  const researchers: number[] = [];
  for (let r = 0; r < c.researchers; r++) researchers.push(roles.push('researcher') - 1);
  return { regions, radioHome, nodes, hospitals, devices, clinicians, researchers, researchNode, patients: patientPlaces.length, patientPlaces, hostCount: roles.length, hostRoles: roles };
}

/**
 * The site of each of `hostCount` hosts, by host id: the region of its organisation's premises (a
 * hospital, the lab...), where `regionOf` places it; a host in a hospital's radio region (its
 * devices, an attacker's radio) is at that hospital's site.
 */
export function sitesOf(topo: Topology, hostCount: number, regionOf: (host: number) => number): number[] {
  return Array.from({ length: hostCount }, (_, h) => {
    const region = regionOf(h);
    const home = topo.radioHome[region];
    return home !== undefined && home >= 0 ? home : region;
  });
}

/** The kinds of link between regions, each with its latency (iomt.links). */
export type LinkKind = 'radio' | 'lan' | 'wan';

/**
 * The link between regions `from` and `to` (see the header): radio within a hospital's radio range
 * (its radio region and its site), LAN within a site, WAN otherwise.
 */
export function linkBetween(radioHome: readonly number[], from: number, to: number): LinkKind {
  const siteOf = (r: number): number => (radioHome[r]! >= 0 ? radioHome[r]! : r);
  if (siteOf(from) !== siteOf(to)) return 'wan';
  return radioHome[from]! >= 0 || radioHome[to]! >= 0 ? 'radio' : 'lan';
}

/** Region pair latencies: each pair's link's (linkBetween). */
export function latencyMatrix(radioHome: readonly number[], radio: DistributionSpec, lan: DistributionSpec, wan: DistributionSpec): DistributionSpec[][] {
  const latency = { radio, lan, wan };
  return radioHome.map((_, i) => radioHome.map((_, j) => latency[linkBetween(radioHome, i, j)]));
}
