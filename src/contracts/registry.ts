/**
 * DeviceRegistry: which devices may report, under which key, for which patient pseudonym.
 * Gateways accept a reading only from an active device signing with its current key; enrolment,
 * key rotation and revocation are transactions, so every gateway's view follows the chain.
 */
import { CallRejected, int, oneOf, str } from './args.ts';
import { canonical, sha256Hex } from './digest.ts';

export const DEVICE_STATUSES = ['active', 'revoked'] as const;
export type DeviceStatus = (typeof DEVICE_STATUSES)[number];

export interface DeviceRecord {
  /** Public key identifier (symbolic key id; never the key material of a patient). */
  keyId: string;
  deviceType: string;
  /** Patient pseudonym, never an identifier that links to the person off chain. */
  patient: string;
  /** Registered gateway host id. */
  gateway: number;
  status: DeviceStatus;
  /** Block height of the latest change. */
  updatedHeight: number;
}

export class DeviceRegistry {
  readonly devices = new Map<string, DeviceRecord>();
  /** Cached digest; enrolment happens mostly at the start, so recomputing on change is cheap. */
  private cachedDigest: string | undefined;

  enrol(args: Readonly<Record<string, unknown>>, height: number): string {
    const id = str(args, 'device');
    this.cachedDigest = undefined;
    if (this.devices.has(id)) throw new CallRejected('device-exists');
    this.devices.set(id, {
      keyId: str(args, 'keyId'),
      deviceType: str(args, 'deviceType'),
      patient: str(args, 'patient'),
      gateway: int(args, 'gateway'),
      status: 'active',
      updatedHeight: height,
    });
    return id;
  }

  rotateKey(args: Readonly<Record<string, unknown>>, height: number): string {
    const d = this.active(str(args, 'device'));
    this.cachedDigest = undefined;
    d.keyId = str(args, 'keyId');
    d.updatedHeight = height;
    return str(args, 'device');
  }

  revoke(args: Readonly<Record<string, unknown>>, height: number): string {
    const id = str(args, 'device');
    const d = this.active(id);
    this.cachedDigest = undefined;
    d.status = oneOf(args, 'status', ['revoked']);
    d.updatedHeight = height;
    return id;
  }

  private active(id: string): DeviceRecord {
    const d = this.devices.get(id);
    if (d === undefined) throw new CallRejected('unknown-device');
    if (d.status !== 'active') throw new CallRejected('device-revoked');
    return d;
  }

  /** Whether `device` may report signing with `keyId` now. */
  accepts(device: string, keyId: string): boolean {
    const d = this.devices.get(device);
    return d !== undefined && d.status === 'active' && d.keyId === keyId;
  }

  digest(): string {
    this.cachedDigest ??= sha256Hex(canonical([...this.devices.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))));
    return this.cachedDigest;
  }
}
