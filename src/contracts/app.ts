/**
 * The IoMT framework's contracts as one ReplicatedApplication: every consensus replica owns one
 * instance and executes each committed transaction's call against it, in block order. Time inside
 * contracts is the block's timestamp, never the replica's clock, so honest replicas stay identical;
 * `stateDigest` lets a checker compare them.
 */
import type { Block, Transaction } from '../ledger/types.ts';
import type { ExecutionWork } from '../protocols/execution-work.ts';
import type { ReplicatedApplication } from '../protocols/types.ts';
import { AccessControl, type AccessOutcome } from './access.ts';
import { EmergencyAlertContract, type AlertOutcome } from './alert.ts';
import { AnchorRegistry, type AnchorOutcome } from './anchor.ts';
import { CallRejected, int, str } from './args.ts';
import { AuditLog, type AuditEntry } from './audit.ts';
import { ConsentContract } from './consent.ts';
import { contractWork, sha256Hex, touchState } from './digest.ts';
import { DeviceAdministrators, DeviceRegistry, PatientRegistry, ReaderRegistry } from './registry.ts';

/** What executing one call did; the run model listens on one replica to measure. */
export type ContractOutcome =
  | { readonly kind: 'access'; readonly tx: Transaction; readonly height: number; readonly blockTimeUs: number; readonly access: AccessOutcome }
  | { readonly kind: 'consent-granted'; readonly tx: Transaction; readonly height: number; readonly consent: string }
  | { readonly kind: 'consent-revoked'; readonly tx: Transaction; readonly height: number; readonly consent: string }
  | { readonly kind: 'alert'; readonly tx: Transaction; readonly height: number; readonly alert: AlertOutcome }
  | { readonly kind: 'anchored'; readonly tx: Transaction; readonly height: number; readonly anchor: AnchorOutcome }
  | { readonly kind: 'device'; readonly tx: Transaction; readonly height: number; readonly method: string; readonly device: string }
  | { readonly kind: 'rejected'; readonly tx: Transaction; readonly height: number; readonly reason: string };

export type OutcomeListener = (o: ContractOutcome) => void;

export interface IomtAppConfig {
  /** Gateway hosts registered at genesis (may anchor and raise alerts). */
  readonly gateways: readonly number[];
  /** Alert rule names known to EmergencyAlert. */
  readonly alertRules: readonly string[];
}

export class IomtLedgerApp implements ReplicatedApplication {
  readonly registry = new DeviceRegistry();
  /** Which host acts for each reader pseudonym (bound at genesis): AccessControl's requester is its sender's. */
  readonly readers = new ReaderRegistry();
  /** Which hosts act for each patient pseudonym (bound at genesis): only they grant or revoke its consents. */
  readonly patients = new PatientRegistry();
  /** Which hosts may change which gateways' devices in the DeviceRegistry (bound at genesis). */
  readonly deviceAdmins = new DeviceAdministrators();
  readonly consent = new ConsentContract();
  readonly audit = new AuditLog();
  readonly access: AccessControl;
  readonly alerts: EmergencyAlertContract;
  readonly anchors: AnchorRegistry;
  private readonly gateways: ReadonlySet<number>;
  listener: OutcomeListener | undefined;
  /** True while the genesis state is applied (applyGenesis): configuration, not audited, and the only time readers are enrolled. */
  private atGenesis = false;
  executed = 0;
  rejected = 0;
  /** Height of the latest block this replica executed (what a client polling its node sees). */
  executedHeight = 0;

  constructor(config: IomtAppConfig) {
    this.gateways = new Set(config.gateways);
    this.access = new AccessControl(this.consent, this.audit, this.readers);
    this.alerts = new EmergencyAlertContract(new Set(config.alertRules));
    this.anchors = new AnchorRegistry(this.gateways);
  }

  private readonly lastWork = { hashes: 0, hashedBytes: 0, stateAccesses: 0 };

  /**
   * Execute `tx`'s call; returns the hashing and state accesses it did (contractWork's difference
   * across the call), which the replica charges as CPU time: executing is real work on every
   * replica (docs/architecture.md, "Contracts"), rejected calls included, up to where they stopped.
   */
  execute(tx: Transaction, block: Block): ExecutionWork | void {
    if (block.height > this.executedHeight) this.executedHeight = block.height;
    if (tx.call === undefined) return; // synthetic load carries no call
    const w = contractWork;
    const hashes = w.hashes;
    const hashedBytes = w.hashedBytes;
    const stateAccesses = w.stateAccesses;
    this.executeCall(tx, block);
    // One record, rewritten at each call: the replica prices it at once (no allocation per transaction).
    const done = this.lastWork;
    done.hashes = w.hashes - hashes;
    done.hashedBytes = w.hashedBytes - hashedBytes;
    done.stateAccesses = w.stateAccesses - stateAccesses;
    return done;
  }

  private executeCall(tx: Transaction, block: Block): void {
    const call = tx.call!;
    this.executed++;
    const h = block.height;
    const t = block.timestampUs;
    const a = call.args;
    const l = this.listener;
    try {
      switch (`${call.contract}.${call.method}`) {
        case 'AnchorRegistry.anchor': {
          const anchor = this.anchors.anchor(a, tx.sender);
          l?.({ kind: 'anchored', tx, height: h, anchor });
          return;
        }
        case 'AccessControl.request': {
          const access = this.access.request(a, t, tx.sender);
          l?.({ kind: 'access', tx, height: h, blockTimeUs: t, access });
          return;
        }
        case 'EmergencyAlert.raise': {
          if (!this.gateways.has(tx.sender)) throw new CallRejected('unregistered-gateway');
          // A gateway speaks only for the patients of the devices registered with it.
          if (!this.patientAtGateway(str(a, 'patient'), tx.sender)) throw new CallRejected('patient-not-at-gateway');
          const alert = this.alerts.raise(a);
          this.record({ type: 'alert', action: 'E', recordedUs: t, outcome: 'success', agent: `gateway:${tx.sender}`, entity: alert.patient, purpose: 'ETREAT', ref: alert.alert });
          l?.({ kind: 'alert', tx, height: h, alert });
          return;
        }
        case 'Consent.grant': {
          // The patient is whoever the sender acts for, not whom the arguments name (genesis consents are configuration).
          if (!this.atGenesis && !this.patients.actsFor(tx.sender, str(a, 'patient'))) throw new CallRejected('patient-not-sender');
          const consent = this.consent.grant(a);
          this.record({ type: 'consent', action: 'C', recordedUs: t, outcome: 'success', agent: str(a, 'patient'), entity: consent, purpose: str(a, 'purpose'), ref: consent });
          l?.({ kind: 'consent-granted', tx, height: h, consent });
          return;
        }
        case 'Consent.revoke': {
          // Only a host acting for the consent's own patient may revoke it (the patient argument is public knowledge).
          touchState();
          const granted = this.consent.consents.get(str(a, 'consent'));
          if (granted !== undefined && !this.atGenesis && !this.patients.actsFor(tx.sender, granted.patient)) throw new CallRejected('patient-not-sender');
          const consent = this.consent.revoke(a, h);
          this.record({ type: 'consent', action: 'D', recordedUs: t, outcome: 'success', agent: str(a, 'patient'), entity: consent, purpose: '', ref: consent });
          l?.({ kind: 'consent-revoked', tx, height: h, consent });
          return;
        }
        case 'ReaderRegistry.enrol': {
          // Binding a pseudonym to a host is the consortium's configuration: after genesis, any host
          // could claim a reader name that is not yet bound, so no transaction may.
          if (!this.atGenesis) throw new CallRejected('reader-enrolment-at-genesis-only');
          this.readers.enrol(a);
          return;
        }
        case 'PatientRegistry.enrol': {
          if (!this.atGenesis) throw new CallRejected('patient-enrolment-at-genesis-only');
          this.patients.enrol(a);
          return;
        }
        case 'DeviceAdministrators.enrol': {
          if (!this.atGenesis) throw new CallRejected('administrator-enrolment-at-genesis-only');
          this.deviceAdmins.enrol(a);
          return;
        }
        case 'DeviceRegistry.enrol':
        case 'DeviceRegistry.rotateKey':
        case 'DeviceRegistry.revoke': {
          // Only an administrator of the device's gateway (for enrol, the gateway named) may change it.
          if (!this.atGenesis) {
            if (call.method !== 'enrol') touchState();
            const gateway = call.method === 'enrol' ? int(a, 'gateway') : this.registry.devices.get(str(a, 'device'))?.gateway;
            if (gateway !== undefined && !this.deviceAdmins.may(tx.sender, gateway, call.method)) throw new CallRejected('not-device-administrator');
          }
          const device = this.deviceCall(call.method, a, h);
          this.record({ type: 'device', action: call.method === 'enrol' ? 'C' : 'U', recordedUs: t, outcome: 'success', agent: `host:${tx.sender}`, entity: device, purpose: '', ref: device });
          l?.({ kind: 'device', tx, height: h, method: call.method, device });
          return;
        }
        default:
          throw new CallRejected('unknown-method');
      }
    } catch (e) {
      if (!(e instanceof CallRejected)) throw e;
      this.rejected++;
      l?.({ kind: 'rejected', tx, height: h, reason: e.reason });
    }
  }

  /**
   * Apply the consortium's genesis state (devices, readers, patients' agents and device
   * administrators enrolled, consents granted before the run) at
   * height 0 on every replica. These are configuration, not actions by anyone, so they are not
   * audited; they do enter the state digest.
   */
  applyGenesis(txs: readonly Transaction[], block: Block): void {
    this.atGenesis = true;
    try {
      for (const tx of txs) this.execute(tx, block);
    } finally {
      this.atGenesis = false;
    }
  }

  /**
   * Make this application an independent copy of `source`'s state: each replica starts from the
   * same genesis, which the world applies once and copies, instead of every replica re-executing
   * it (genesis grows with the hospitals, and so does the number of replicas). The listener is not
   * copied.
   */
  copyFrom(source: IomtLedgerApp): void {
    this.registry.copyFrom(source.registry);
    this.readers.copyFrom(source.readers);
    this.patients.copyFrom(source.patients);
    this.deviceAdmins.copyFrom(source.deviceAdmins);
    this.consent.copyFrom(source.consent);
    this.audit.copyFrom(source.audit);
    this.access.copyFrom(source.access);
    this.alerts.copyFrom(source.alerts);
    this.anchors.copyFrom(source.anchors);
    this.executed = source.executed;
    this.rejected = source.rejected;
    this.executedHeight = source.executedHeight;
  }

  private record(e: AuditEntry): void {
    if (!this.atGenesis) this.audit.append(e);
  }

  /** Whether a device registered with `gateway` is `patient`'s. */
  private patientAtGateway(patient: string, gateway: number): boolean {
    const devices = this.registry.devices;
    for (const id of this.registry.devicesAt(gateway)) {
      touchState();
      if (devices.get(id)!.patient === patient) return true;
    }
    return false;
  }

  private deviceCall(method: string, a: Readonly<Record<string, unknown>>, h: number): string {
    if (method === 'enrol') return this.registry.enrol(a, h);
    if (method === 'rotateKey') return this.registry.rotateKey(a, h);
    return this.registry.revoke(a, h);
  }

  stateDigest(): string {
    return sha256Hex(
      [this.registry.digest(), this.readers.digest(), this.patients.digest(), this.deviceAdmins.digest(), this.consent.digest(), this.audit.digest(), this.access.digest(), this.alerts.digest(), this.anchors.digest(), `${this.executed}:${this.rejected}`].join('|'),
    );
  }
}
