/**
 * DeviceRegistry: which devices may report, under which key, for which patient pseudonym.
 * Gateways accept a reading only from an active device signing with its current key; enrolment,
 * key rotation and revocation are transactions, so every gateway's view follows the chain.
 */
import { CallRejected, int, oneOf, str } from './args.ts';
import { sha256Hex, touchState } from './digest.ts';
import { CopyOnWriteListMap, CopyOnWriteMap } from './copy-on-write.ts';

export const DEVICE_STATUSES = ['active', 'revoked'] as const;
export type DeviceStatus = (typeof DEVICE_STATUSES)[number];

/** Never changed in place: a change replaces the record, so replicas copied from one genesis share the records they have not changed. */
export interface DeviceRecord {
  /** Public key identifier (symbolic key id; never the key material of a patient). */
  readonly keyId: string;
  readonly deviceType: string;
  /** Patient pseudonym, never an identifier that links to the person off chain. */
  readonly patient: string;
  /** Registered gateway host id. */
  readonly gateway: number;
  readonly status: DeviceStatus;
  /** Block height of the latest change. */
  readonly updatedHeight: number;
}

export class DeviceRegistry {
  private readonly records = new CopyOnWriteMap<string, DeviceRecord>();
  /** Devices by registered gateway, in enrolment order (a gateway never changes): a gateway's subscription replays its own, not every device's. */
  private readonly byGateway = new CopyOnWriteListMap<number, string>();
  /**
   * Digest of the state, kept as a hash chain over every change (enrol, rotate, revoke) in commit
   * order: replicas that applied the same changes agree, and updating it costs one hash, where
   * re-hashing thousands of records at every height would not.
   */
  private head = '0'.repeat(64);
  /** Number of changes so far: lets readers cache lookups until the next change. */
  version = 0;

  enrol(args: Readonly<Record<string, unknown>>, height: number): string {
    const id = str(args, 'device');
    touchState();
    if (this.records.has(id)) throw new CallRejected('device-exists');
    const d: DeviceRecord = {
      keyId: str(args, 'keyId'),
      deviceType: str(args, 'deviceType'),
      patient: str(args, 'patient'),
      gateway: int(args, 'gateway'),
      status: 'active',
      updatedHeight: height,
    };
    touchState(2); // the record and the gateway's index
    this.records.set(id, d);
    this.byGateway.push(d.gateway, id);
    this.chain('enrol', id, d);
    return id;
  }

  rotateKey(args: Readonly<Record<string, unknown>>, height: number): string {
    const id = str(args, 'device');
    const d: DeviceRecord = { ...this.active(id), keyId: str(args, 'keyId'), updatedHeight: height };
    touchState();
    this.records.set(id, d);
    this.chain('rotate', id, d);
    return id;
  }

  revoke(args: Readonly<Record<string, unknown>>, height: number): string {
    const id = str(args, 'device');
    const d: DeviceRecord = { ...this.active(id), status: oneOf(args, 'status', ['revoked']), updatedHeight: height };
    touchState();
    this.records.set(id, d);
    this.chain('revoke', id, d);
    return id;
  }

  private active(id: string): DeviceRecord {
    touchState();
    const d = this.records.get(id);
    if (d === undefined) throw new CallRejected('unknown-device');
    if (d.status !== 'active') throw new CallRejected('device-revoked');
    return d;
  }

  /** Make this registry an independent copy of `source`'s state (a replica starting from a shared genesis). */
  copyFrom(source: DeviceRegistry): void {
    // The tables' entries until either changes one; the records themselves always (none is changed in place).
    this.records.shareFrom(source.records);
    this.byGateway.shareFrom(source.byGateway);
    this.head = source.head;
    this.version = source.version;
  }

  /** Every device's current record. */
  get devices(): ReadonlyMap<string, DeviceRecord> {
    return this.records;
  }

  /** The devices registered with `gateway`, in enrolment order. */
  devicesAt(gateway: number): readonly string[] {
    touchState();
    return this.byGateway.get(gateway) ?? [];
  }

  /** Whether `device` may report signing with `keyId` now. */
  accepts(device: string, keyId: string): boolean {
    const d = this.records.get(device);
    return d !== undefined && d.status === 'active' && d.keyId === keyId;
  }

  private chain(change: string, id: string, d: DeviceRecord): void {
    this.version++;
    this.head = sha256Hex(`${this.head}|${change}|${JSON.stringify(id)}|${JSON.stringify(d.keyId)}|${JSON.stringify(d.deviceType)}|${JSON.stringify(d.patient)}|${d.gateway}|${d.status}|${d.updatedHeight}`);
  }

  digest(): string {
    return `${this.records.size}:${this.head}`;
  }
}

/**
 * ReaderRegistry: which host acts for each reader of records (a clinician's or researcher's
 * pseudonym, the name consents and permits are granted to). A transaction's sender is the host
 * whose key signed it (the ledger authenticates it, as a Fabric proposal's creator certificate is
 * what chaincode reads with GetCreator); a call that names a reader is that reader's only when the
 * reader is bound to the sender. Bindings are the consortium's configuration, made at genesis as
 * devices are enrolled; no transaction after genesis adds or changes one (src/contracts/app.ts).
 */
export class ReaderRegistry {
  private readonly hosts = new CopyOnWriteMap<string, number>();
  /** `hosts` inverted, built at the first readersAt after a change (bindings are genesis state, so once). */
  private byHost: Map<number, string[]> | undefined;
  /** Hash chain over the enrolments, in order (as DeviceRegistry's). */
  private head = '0'.repeat(64);

  enrol(args: Readonly<Record<string, unknown>>): string {
    const requester = str(args, 'requester');
    touchState();
    if (this.hosts.has(requester)) throw new CallRejected('reader-exists');
    const host = int(args, 'host');
    if (host < 0) throw new CallRejected('bad-arg:host');
    touchState();
    this.hosts.set(requester, host);
    this.byHost = undefined;
    this.head = sha256Hex(`${this.head}|reader|${JSON.stringify(requester)}|${host}`);
    return requester;
  }

  /** The host bound to `requester`, or undefined when it is not enrolled. */
  hostOf(requester: string): number | undefined {
    return this.hosts.get(requester);
  }

  /** Whether `requester` is bound to `sender`: a call by `sender` may act in `requester`'s name. */
  actsFor(sender: number, requester: string): boolean {
    touchState();
    return this.hosts.get(requester) === sender;
  }

  /** The readers bound to `host`, in enrolment order (none: an empty list). */
  readersAt(host: number): readonly string[] {
    if (this.byHost === undefined) {
      this.byHost = new Map();
      for (const [requester, h] of this.hosts) {
        const at = this.byHost.get(h);
        if (at === undefined) this.byHost.set(h, [requester]);
        else at.push(requester);
      }
    }
    return this.byHost.get(host) ?? [];
  }

  /** Make this registry an independent copy of `source`'s state. */
  copyFrom(source: ReaderRegistry): void {
    this.hosts.shareFrom(source.hosts);
    this.byHost = undefined;
    this.head = source.head;
  }

  digest(): string {
    return `${this.hosts.size}:${this.head}`;
  }
}

/**
 * PatientRegistry: which hosts act for each patient pseudonym in consent matters (the hospital's
 * patient portal, through which its patients and their guardians grant and revoke, and any other
 * agent of the patient the consortium enrolled). Consent.grant and Consent.revoke are the patient's
 * only when their sender is one of these (src/contracts/consent.ts): pseudonyms are public on chain,
 * so naming one proves nothing. Bindings are made at genesis only, as ReaderRegistry's; a patient
 * may have several agents, each bound once.
 */
export class PatientRegistry {
  // The host lists themselves are never changed in place (an enrolment replaces the list).
  private readonly hosts = new CopyOnWriteMap<string, readonly number[]>();
  private head = '0'.repeat(64);

  enrol(args: Readonly<Record<string, unknown>>): string {
    const patient = str(args, 'patient');
    const host = int(args, 'host');
    if (host < 0) throw new CallRejected('bad-arg:host');
    touchState();
    const bound = this.hosts.get(patient) ?? [];
    if (bound.includes(host)) throw new CallRejected('patient-agent-exists');
    touchState();
    this.hosts.set(patient, [...bound, host]);
    this.head = sha256Hex(`${this.head}|patient|${JSON.stringify(patient)}|${host}`);
    return patient;
  }

  /** The hosts bound to act for `patient`, in enrolment order (none when it is not enrolled). */
  hostsOf(patient: string): readonly number[] {
    return this.hosts.get(patient) ?? [];
  }

  /** Whether `sender` acts for `patient`. */
  actsFor(sender: number, patient: string): boolean {
    touchState();
    return this.hosts.get(patient)?.includes(sender) === true;
  }

  copyFrom(source: PatientRegistry): void {
    this.hosts.shareFrom(source.hosts);
    this.head = source.head;
  }

  digest(): string {
    return `${this.hosts.size}:${this.head}`;
  }
}

/** What a device administrator may do for a gateway's devices: everything, or only revoke (a security service). */
export const DEVICE_AUTHORITIES = ['admin', 'revoke'] as const;
export type DeviceAuthority = (typeof DEVICE_AUTHORITIES)[number];

/**
 * DeviceAdministrators: which hosts may change the DeviceRegistry, and for which gateways' devices
 * (a hospital's administration manages the devices of its own gateways; a security service may
 * revoke the devices it watches). DeviceRegistry.enrol, rotateKey and revoke are accepted only from
 * a host holding that authority over the device's registered gateway (for enrol, the gateway it
 * names), so no other host can rotate a device's key to one it holds, or revoke devices. Bindings
 * are made at genesis only.
 */
export class DeviceAdministrators {
  /** Authority by `${host}:${gateway}`. */
  private readonly grants = new CopyOnWriteMap<string, DeviceAuthority>();
  private head = '0'.repeat(64);

  enrol(args: Readonly<Record<string, unknown>>): string {
    const host = int(args, 'host');
    const gateway = int(args, 'gateway');
    if (host < 0) throw new CallRejected('bad-arg:host');
    const authority = oneOf(args, 'authority', DEVICE_AUTHORITIES);
    const key = `${host}:${gateway}`;
    touchState();
    if (this.grants.has(key)) throw new CallRejected('administrator-exists');
    touchState();
    this.grants.set(key, authority);
    this.head = sha256Hex(`${this.head}|admin|${host}|${gateway}|${authority}`);
    return key;
  }

  /** `sender`'s authority over `gateway`'s devices, or undefined. */
  authorityOf(sender: number, gateway: number): DeviceAuthority | undefined {
    return this.grants.get(`${sender}:${gateway}`);
  }

  /** Whether `sender` may make change `method` ('enrol', 'rotateKey', 'revoke') to a device registered at `gateway`. */
  may(sender: number, gateway: number, method: string): boolean {
    touchState();
    const a = this.grants.get(`${sender}:${gateway}`);
    return a === 'admin' || (a === 'revoke' && method === 'revoke');
  }

  copyFrom(source: DeviceAdministrators): void {
    this.grants.shareFrom(source.grants);
    this.head = source.head;
  }

  digest(): string {
    return `${this.grants.size}:${this.head}`;
  }
}
