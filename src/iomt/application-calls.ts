/**
 * The contract calls the IoMT application's honest actors submit, one builder each: the gateways
 * (src/iomt/gateway.ts), the clinicians, researchers, patients and administration
 * (src/iomt/clients.ts) build their calls here, and the loader sizes the same calls with every
 * argument at its widest (src/scenario/iomt-tx-bytes.ts), so a call's shape has one definition.
 * The argument order is part of a call's canonical text and so of its transaction's size and
 * digest.
 */
import type { ContractCall } from '../ledger/index.ts';

/** A gateway anchors a batch's Merkle root, the batch kept off chain at `cas:<root>`. */
export function anchorCall(gateway: number, batch: number, root: string, readings: number): ContractCall {
  return { contract: 'AnchorRegistry', method: 'anchor', args: { gateway, batch, root, readings, pointer: `cas:${root}` } };
}

/** The id of a gateway's `seq`-th alert. */
export function alertId(gateway: number, seq: number): string {
  return `alr_${gateway}_${seq}`;
}

/** A gateway records an alert on chain, with the leaf hash of the record that raised it. */
export function alertCall(alert: string, patient: string, rule: string, evidence: string): ContractCall {
  return { contract: 'EmergencyAlert', method: 'raise', args: { alert, patient, rule, evidence } };
}

/** The id of a requester's `seq`-th access request. */
export function accessRequestId(requester: number, seq: number): string {
  return `req_${requester}_${seq}`;
}

/** A clinician or researcher asks to read a patient's records for `purpose`. */
export function accessRequestCall(request: string, requester: string, patient: string, purpose: string, breakGlass: boolean): ContractCall {
  return { contract: 'AccessControl', method: 'request', args: { request, requester, patient, purpose, breakGlass } };
}

/** The id of the consent a patient granted to a grantee (a clinician's or researcher's host) at genesis. */
export function consentId(patient: number, grantee: number): string {
  return `con_${patient}_${grantee}`;
}

/** A patient's portal revokes a consent. */
export function consentRevokeCall(consent: string, patient: string): ContractCall {
  return { contract: 'Consent', method: 'revoke', args: { consent, patient } };
}

/** A device's name in the registry and in the calls about it. */
export function deviceName(index: number): string {
  return `dev_${index}`;
}

/** The administration sets a device's status (revoked). */
export function deviceRevokeCall(device: string, status: string): ContractCall {
  return { contract: 'DeviceRegistry', method: 'revoke', args: { device, status } };
}

/** The administration registers a device's new key. */
export function rotateKeyCall(device: string, keyId: string): ContractCall {
  return { contract: 'DeviceRegistry', method: 'rotateKey', args: { device, keyId } };
}
