/**
 * A gateway's copy of the DeviceRegistry for the devices registered with it: provisioned with
 * their enrolment (genesis) and kept current by the registry notices of its node (key rotations
 * and revocations, once committed there). A lookup per reading is an array read.
 */
import type { HostId } from '../../sim/index.ts';
import type { RegistryView } from './admission.ts';
import type { RegistryItem } from './node-messages.ts';

const NO_KEY = -1;

export class GatewayRegistry implements RegistryView {
  /**
   * Registered key id by device number less `firstDevice`; NO_KEY for devices not registered here,
   * or revoked. Spanning only this gateway's devices (contiguous in the topology), not every device
   * of the world: sized by the world it would make gateways × devices grow as hospitals squared.
   */
  private readonly keyOf: Float64Array;
  private readonly firstDevice: number;
  private readonly deviceOf = new Map<string, number>();

  constructor(
    private readonly gateway: HostId,
    devices: readonly { readonly device: number; readonly name: string; readonly keyId: number }[],
  ) {
    let first = Infinity;
    let end = 0;
    for (const d of devices) {
      first = Math.min(first, d.device);
      end = Math.max(end, d.device + 1);
    }
    this.firstDevice = first === Infinity ? 0 : first;
    this.keyOf = new Float64Array(Math.max(0, end - this.firstDevice)).fill(NO_KEY);
    for (const d of devices) {
      this.keyOf[d.device - this.firstDevice] = d.keyId;
      this.deviceOf.set(d.name, d.device);
    }
  }

  registeredKey(device: number, gateway: number): number {
    if (gateway !== this.gateway) return NO_KEY;
    return this.keyOf[device - this.firstDevice] ?? NO_KEY;
  }

  /**
   * A change the node reported (a device it does not know is ignored: the node only reports this
   * gateway's). True where it revoked a key this gateway held: a revocation replayed after it was
   * applied changes nothing.
   */
  apply(item: RegistryItem): boolean {
    const device = this.deviceOf.get(item.device);
    if (device === undefined) return false;
    const slot = device - this.firstDevice;
    const held = this.keyOf[slot] !== NO_KEY;
    this.keyOf[slot] = item.active ? Number(item.keyId) : NO_KEY;
    return held && !item.active;
  }
}
