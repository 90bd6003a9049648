/**
 * The largest transaction an IoMT world's application can submit, computed from the scenario
 * without running it, so that the loader can refuse a consensus.blockSizeMax that would not hold
 * it (a block too small for a transaction never commits it: PBFT drops it from the pool, Raft and
 * proof of authority never cut a block with it).
 *
 * A transaction's size is the ledger client's: its envelope (TX_ENVELOPE_BYTES) and the canonical
 * text of its contract call (src/iomt/ledger-client.ts). Each call the honest IoMT actors submit
 * is built by the builder they use (src/iomt/application-calls.ts) with every argument at its
 * widest in this scenario: host ids, device and patient numbers at the largest of the layout
 * (src/iomt/topology.ts), pseudonyms at their fixed length (src/iomt/pseudonym.ts), digests at 64
 * hex digits, a purpose or status at the longest the contract accepts (src/contracts/), the
 * longest alert rule name, and a counter that grows over the run (a gateway's batch and alert
 * numbers, a client's request numbers, a key id) at the widest safe integer. A call is counted only
 * where the scenario places actors that submit it, at a rate above zero. What an attack's own
 * actors submit is not counted: the check is about the world the scenario describes.
 */
import { canonical, PURPOSES } from '../contracts/index.ts';
import { DEVICE_STATUSES } from '../contracts/registry.ts';
import { DEFAULT_ALERT_RULES } from '../iomt/alert-rules.ts';
import { accessRequestCall, accessRequestId, alertCall, alertId, anchorCall, consentId, consentRevokeCall, deviceName, deviceRevokeCall, rotateKeyCall } from '../iomt/application-calls.ts';
import { TX_ENVELOPE_BYTES } from '../iomt/ledger-client.ts';
import { pseudonym } from '../iomt/pseudonym.ts';
import { topologyOf } from '../iomt/topology.ts';
import type { ContractCall } from '../ledger/index.ts';
import type { IomtSection } from './sections/iomt.ts';

/** One kind of call at its widest: what submits it, and the size of its transaction in bytes. */
export interface IomtTransactionBound {
  /** `Contract.method`. */
  readonly call: string;
  /** Who submits it, for messages. */
  readonly by: string;
  readonly bytes: number;
}

/** A SHA-256 digest in hex (a Merkle root, a record's leaf hash). */
const DIGEST = 'f'.repeat(64);
/** A number that grows with the run (batches, alerts, requests, issued keys), at its widest. */
const COUNTER = Number.MAX_SAFE_INTEGER;

/** The largest of `values` (a layout's host ids can be too many to spread into Math.max). */
function maxOf(values: readonly number[]): number {
  let max = -Infinity;
  for (const v of values) if (v > max) max = v;
  return max;
}

function longest(values: readonly string[]): string {
  return values.reduce((a, b) => (b.length > a.length ? b : a), '');
}

/** The transaction's size as the ledger client gives it (src/iomt/ledger-client.ts, `submit`). */
function txBytes(call: ContractCall): number {
  return TX_ENVELOPE_BYTES + canonical(call).length;
}

/** A call an IoMT actor submits, with every argument at its widest, and what submits it. */
export interface IomtWidestCall {
  readonly by: string;
  readonly call: ContractCall;
}

/**
 * Each call the IoMT application of `iomt` can submit, with every argument at its widest (see the
 * header); none when no actor of the scenario submits any.
 */
export function iomtWidestCalls(iomt: IomtSection): IomtWidestCall[] {
  const topology = topologyOf(iomt);
  const a = iomt.access;
  const gateways = topology.hospitals.flatMap((h) => h.gateways);
  const hasDevices = topology.devices.length > 0;
  const widestDevice = deviceName(topology.devices.length - 1);
  // Pseudonyms of patients, clinicians and researchers have one length whatever their id.
  const patient = pseudonym('pt', 0, 0);
  const staff = longest([pseudonym('cl', 0, 0), pseudonym('rs', 0, 0)]);
  const clinicians = a.clinicianRatePerHour > 0 ? topology.clinicians.map((c) => c.host) : [];
  const researchers = a.researcherRatePerHour > 0 ? topology.researchers : [];
  const requesters = [...clinicians, ...researchers];
  // Consents are granted at genesis to each ward's clinicians and, for some patients, to researchers.
  const grantees = [...topology.clinicians.map((c) => c.host), ...(a.researchConsentFraction > 0 ? topology.researchers : [])];
  const rules = iomt.rules ?? DEFAULT_ALERT_RULES;
  const identity = iomt.identity;
  const calls: { readonly by: string; readonly submitted: boolean; readonly call: ContractCall }[] = [
    {
      by: 'a ward gateway anchoring a batch',
      submitted: hasDevices,
      call: anchorCall(maxOf(gateways), COUNTER, DIGEST, iomt.gateway.batchMaxReadings),
    },
    {
      by: 'a ward gateway recording an alert',
      submitted: hasDevices && iomt.gateway.recordAlertsOnChain && rules.length > 0,
      call: alertCall(alertId(maxOf(gateways), COUNTER), patient, longest(rules.map((r) => r.name)), DIGEST),
    },
    {
      by: 'a clinician or researcher requesting access',
      submitted: requesters.length > 0 && topology.patients > 0,
      call: accessRequestCall(accessRequestId(maxOf(requesters), COUNTER), staff, patient, longest(PURPOSES), false),
    },
    {
      by: 'a patient portal revoking a consent',
      submitted: a.revocationsPerHour > 0 && grantees.length > 0,
      call: consentRevokeCall(consentId(topology.patients - 1, maxOf(grantees)), patient),
    },
    {
      by: 'an administration revoking a device',
      submitted: hasDevices && identity.actionsPerHour > 0 && identity.revokeFraction > 0,
      call: deviceRevokeCall(widestDevice, longest(DEVICE_STATUSES)),
    },
    {
      by: "an administration rotating a device's key",
      submitted: hasDevices && identity.actionsPerHour > 0 && identity.revokeFraction < 1,
      call: rotateKeyCall(widestDevice, String(COUNTER)),
    },
  ];
  return calls.filter((c) => c.submitted).map(({ by, call }) => ({ by, call }));
}

/** The transaction of each call of iomtWidestCalls, largest first. */
export function iomtTransactionBounds(iomt: IomtSection): IomtTransactionBound[] {
  return iomtWidestCalls(iomt)
    .map((c) => ({ call: `${c.call.contract}.${c.call.method}`, by: c.by, bytes: txBytes(c.call) }))
    .sort((x, y) => y.bytes - x.bytes);
}

/** The largest transaction the IoMT application of `iomt` can submit; undefined when it submits none. */
export function largestIomtTransaction(iomt: IomtSection): IomtTransactionBound | undefined {
  return iomtTransactionBounds(iomt)[0];
}
