/**
 * A scenario whose protocol cannot commit what the scenario offers: worth a notice on the command
 * line, never an input error (an overload may be the experiment).
 *
 * Where a protocol seals blocks on a clock (its definition's `blockPeriod`: Clique's period,
 * EIP-225), a block holds at most consensus.batchSize transactions, so batchSize per period is the
 * most it commits a second, however fast the network. A scenario that inherits a batch size set for
 * another protocol can offer far more: hospital.yaml's `batchSize: 10`, set for PBFT, run with
 * `--set consensus.protocol=poa` commits at most 10 transactions per 15 s block (0.67 tx/s) of the
 * 6.16 tx/s its gateways and clients offer: over its hour 10.6 % of its readings were anchored,
 * 12.8 % of its access requests decided and 6.4 % of its episodes alerted on chain, with no word of why.
 * PBFT, Raft and HotStuff cut a block when a batch fills or at each view, so their rate follows the
 * load and the network; proof of work fills its blocks with synthetic transactions and takes no load.
 *
 * What a scenario offers: workload.rateTps of an open-loop synthetic load (a closed loop offers
 * what the ledger confirms); in an IoMT world, the gateways' anchors (one a batch, each sealed
 * after iomt.gateway.batchInterval or at batchMaxReadings) and the clients' Poisson rates (access
 * requests, consent revocations, key rotations and revocations). Alerts recorded on chain follow the
 * patients' episodes, a few an hour, and are left out: the figure is a floor.
 */
import { deviceProfiles, DEVICE_KINDS } from '../iomt/profiles.ts';
import { IN_TREE_REGISTRIES, protocolIn, registriesFor, type Registries } from '../plugins/registries.ts';
import { isPluginLoaded } from '../plugins/cache.ts';
import { seconds } from './attack-notices.ts';
import { replicaSettings } from './sections/consensus.ts';
import type { IomtSection } from './sections/iomt.ts';
import type { Scenario } from './schema.ts';

const US_PER_S = 1_000_000;
const S_PER_HOUR = 3_600;

/** What a scenario offers the ledger, tx/s, and where it comes from, in words. */
interface OfferedLoad {
  readonly tps: number;
  readonly sources: string;
}

/**
 * One sentence when `scenario`'s protocol seals blocks on a clock too slow for its batch size to
 * carry the load the scenario offers; empty otherwise.
 */
export function capacityNotices(scenario: Scenario): string[] {
  const { consensus } = scenario;
  const protocol = typeof consensus.protocol === 'string' ? protocolIn(registriesOf(scenario), consensus.protocol) : undefined;
  const period = protocol?.blockPeriod;
  if (protocol === undefined || period === undefined) return [];
  const offered = offeredLoad(scenario);
  if (offered === undefined) return [];
  const periodUs = period.periodUs(replicaSettings(consensus, protocol).params);
  const capacityTps = (consensus.batchSize * US_PER_S) / periodUs;
  if (capacityTps >= offered.tps) return [];
  const periodField = `consensus.${protocol.name}.${period.param}`;
  const batchSizeNeeded = Math.ceil((offered.tps * periodUs) / US_PER_S);
  // Whole milliseconds, rounded down, so the period named is short enough.
  const periodAllowedUs = Math.floor((consensus.batchSize * 1_000) / offered.tps) * 1_000;
  return [
    `consensus.batchSize (${consensus.batchSize} transactions a block) per ${periodField} (${seconds(periodUs)}) caps ${protocol.title} at ${tps(capacityTps)}, ` +
      `below the ${tps(offered.tps)} this scenario offers (${offered.sources}): its pools grow for the whole run and most transactions never commit; ` +
      `raise consensus.batchSize to at least ${batchSizeNeeded} or shorten ${periodField} to at most ${seconds(periodAllowedUs)}`,
  ];
}

function offeredLoad(scenario: Scenario): OfferedLoad | undefined {
  if (scenario.iomt !== undefined) return iomtOfferedLoad(scenario.iomt);
  const { workload } = scenario;
  if (workload.arrival === 'closed' || workload.rateTps === 0) return undefined;
  return { tps: workload.rateTps, sources: 'workload.rateTps' };
}

/** The anchors and the clients' requests of an IoMT world, tx/s; undefined when it offers nothing. */
function iomtOfferedLoad(iomt: IomtSection): OfferedLoad | undefined {
  const gateways = iomt.hospitals * iomt.wardsPerHospital;
  const profiles = deviceProfiles(iomt.profiles);
  // Every ward has the same beds and devices: one gateway's readings a second.
  const readingsPerGatewayTps = iomt.bedsPerWard * DEVICE_KINDS.reduce((sum, kind) => sum + (iomt.devicesPerBed[kind] * US_PER_S) / profiles[kind].intervalUs, 0);
  const { batchInterval, batchMaxReadings } = iomt.gateway;
  const batchSealUs = readingsPerGatewayTps === 0 ? Infinity : Math.min(batchInterval, (batchMaxReadings * US_PER_S) / readingsPerGatewayTps);
  const anchorsTps = (gateways * US_PER_S) / batchSealUs;
  const a = iomt.access;
  const requestsPerHour =
    gateways * a.cliniciansPerWard * a.clinicianRatePerHour + a.researchers * a.researcherRatePerHour + iomt.hospitals * (a.revocationsPerHour + iomt.identity.actionsPerHour);
  const requestsTps = requestsPerHour / S_PER_HOUR;
  if (anchorsTps + requestsTps === 0) return undefined;
  const sealed = batchSealUs === batchInterval ? `every iomt.gateway.batchInterval (${seconds(batchInterval)})` : `each time one holds iomt.gateway.batchMaxReadings (${batchMaxReadings} readings, every ${seconds(Math.round(batchSealUs / 1_000) * 1_000)})`;
  const anchors = `${tps(anchorsTps)} of anchors, ${gateways} gateways sealing a batch ${sealed}`;
  const requests = `${tps(requestsTps)} of access requests, consent revocations and key actions (iomt.access, iomt.identity)`;
  return { tps: anchorsTps + requestsTps, sources: anchorsTps === 0 ? requests : requestsTps === 0 ? anchors : `${anchors}; ${requests}` };
}

/** The registries the scenario's protocol is found in: its plug-ins' once loaded in this thread. */
export function registriesOf(scenario: Scenario): Registries {
  const refs = scenario.plugins ?? [];
  return refs.every(isPluginLoaded) ? registriesFor(refs) : IN_TREE_REGISTRIES;
}

function tps(value: number): string {
  return `${Number(value.toPrecision(3))} tx/s`;
}
