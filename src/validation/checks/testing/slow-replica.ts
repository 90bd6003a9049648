/** A protocol broken from outside, for tests that a latency check judges every decision. */
import type { ProtocolDefinition } from '../../../protocols/definition.ts';

/**
 * The protocol as shipped, except that the replica at `index` spends `extraUs` of processing on
 * every message it handles while the simulated time is in [fromUs, toUs): a replica that is slow
 * during one decision and as fast as the others for the rest.
 */
export function slowReplica(module: ProtocolDefinition, index: number, extraUs: number, fromUs: number, toUs: number): ProtocolDefinition {
  return {
    ...module,
    createReplica(ctx, config, app) {
      const actor = module.createReplica(ctx, config, app);
      if (config.index !== index) return actor;
      return {
        onStart: actor.onStart === undefined ? undefined : () => actor.onStart!(),
        onRecover: actor.onRecover === undefined ? undefined : () => actor.onRecover!(),
        onTimer: (tag) => actor.onTimer(tag),
        onMessage(from, msg) {
          if (ctx.nowUs >= fromUs && ctx.nowUs < toUs) ctx.cpu(extraUs);
          actor.onMessage(from, msg);
        },
      };
    },
  };
}
