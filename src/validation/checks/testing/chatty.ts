/** A protocol broken from outside, for tests that a message-count check can fail. */
import type { ActorContext } from '../../../../sim/index.ts';
import type { ProtocolDefinition } from '../../../protocols/definition.ts';

/**
 * The protocol as shipped, except that each of its replicas sends every message to a replica twice
 * while the simulated time is in [fromUs, toUs) (by default, always): with a bounded range, one
 * decision's window can be broken and the others left as shipped.
 */
export function chatty(module: ProtocolDefinition, fromUs = 0, toUs = Infinity): ProtocolDefinition {
  return {
    ...module,
    createReplica(ctx, config, app) {
      const doubled: ActorContext<unknown> = {
        get self() { return ctx.self; },
        get nowUs() { return ctx.nowUs; },
        get rng() { return ctx.rng; },
        send(to, msg, size) {
          ctx.send(to, msg, size);
          if (to < config.replicaHosts.length && ctx.nowUs >= fromUs && ctx.nowUs < toUs) ctx.send(to, msg, size);
        },
        setTimer: (d, t) => ctx.setTimer(d, t),
        cancelTimer: (id) => ctx.cancelTimer(id),
        cpu: (c) => ctx.cpu(c),
        cpuParallel: (jobs, each) => ctx.cpuParallel(jobs, each),
        emit: (e) => ctx.emit(e),
        emitFirst: (key, e) => ctx.emitFirst(key, e),
      };
      return module.createReplica(doubled, config, app);
    },
  };
}
