/**
 * Every kind of actor the IoMT world places, and how one is built: from its host's context and its
 * own configuration, nothing else. The world names a kind and hands over plain data (plus the
 * model's shared services: the crypto key ring, a patient's physiology, detector code); it cannot
 * slip a closure in here, so no actor can reach another host's state except by message. A test
 * holds this file to that shape (isolation.test.ts); a consortium node's host is built in
 * world.ts around the protocol's replica (consortium-node.ts).
 */
import type { ActorContext } from '../../sim/index.ts';
import { CareTeam } from './care-team.ts';
import { AccessClient, DeviceAdmin, PatientPortal, type AccessClientOptions, type AdminOptions, type PortalOptions } from './clients.ts';
import { Device, type DeviceOptions } from './device.ts';
import { Gateway, type GatewayOptions } from './gateway.ts';
import { OffChainStore, type StoreConfig } from './store.ts';

export const ACTOR_KINDS = {
  device: (ctx: ActorContext<unknown>, config: DeviceOptions) => new Device(ctx, config),
  gateway: (ctx: ActorContext<unknown>, config: GatewayOptions) => new Gateway(ctx, config),
  store: (ctx: ActorContext<unknown>, config: StoreConfig) => new OffChainStore(ctx, config),
  'care-team': (ctx: ActorContext<unknown>, _config: Record<string, never>) => new CareTeam(ctx),
  admin: (ctx: ActorContext<unknown>, config: AdminOptions) => new DeviceAdmin(ctx, config),
  portal: (ctx: ActorContext<unknown>, config: PortalOptions) => new PatientPortal(ctx, config),
  'access-client': (ctx: ActorContext<unknown>, config: AccessClientOptions) => new AccessClient(ctx, config),
};

export type ActorKind = keyof typeof ACTOR_KINDS;
export type ConfigOf<K extends ActorKind> = Parameters<(typeof ACTOR_KINDS)[K]>[1];
