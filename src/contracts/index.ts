/** src/contracts: the IoMT framework's deterministic smart contracts, run by every replica at commit. */
export { IomtLedgerApp, type ContractOutcome, type OutcomeListener, type IomtAppConfig } from './app.ts';
export { DeviceAdministrators, DeviceRegistry, PatientRegistry, ReaderRegistry, DEVICE_AUTHORITIES, type DeviceAuthority, type DeviceRecord, type DeviceStatus } from './registry.ts';
export { ConsentContract, CONSENT_SCOPES, PURPOSES, type ConsentRecord, type Purpose } from './consent.ts';
export { AccessControl, requestKey, type AccessDecision, type AccessOutcome } from './access.ts';
export { AuditLog, verifyAuditChain, AUDIT_GENESIS, type AuditEntry } from './audit.ts';
export { EmergencyAlertContract, type AlertOutcome } from './alert.ts';
export { AnchorRegistry, type AnchorOutcome } from './anchor.ts';
export { CallRejected } from './args.ts';
export { sha256Hex, canonical } from './digest.ts';
