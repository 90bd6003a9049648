import { describe, expect, it } from 'vitest';
import type { ActorContext } from '../../../sim/index.ts';
import type { ProtocolDefinition } from '../../protocols/definition.ts';
import { idealNetworkChecks } from './ideal-network.ts';
import { IDEAL_PROTOCOLS } from './protocols.ts';

const raftSpec = IDEAL_PROTOCOLS.find((p) => p.module.name === 'raft')!;

describe('ideal-network checks', () => {
  it('Raft meets its closed forms exactly: commit 2δ, client 4δ, 2(n−1) messages', () => {
    const results = idealNetworkChecks(raftSpec).map((c) => [c.id, c.run().passed]);
    expect(results.every(([, ok]) => ok)).toBe(true);
  });

  it('catches a protocol that sends each message twice', () => {
    const chatty: ProtocolDefinition = {
      ...raftSpec.module,
      createReplica(ctx, config, app) {
        const doubled: ActorContext<unknown> = {
          get self() { return ctx.self; },
          get nowUs() { return ctx.nowUs; },
          get rng() { return ctx.rng; },
          send(to, msg, size) { ctx.send(to, msg, size); if (to < config.replicaHosts.length) ctx.send(to, msg, size); },
          setTimer: (d, t) => ctx.setTimer(d, t),
          cancelTimer: (id) => ctx.cancelTimer(id),
          cpu: (c) => ctx.cpu(c),
          cpuParallel: (jobs, each) => ctx.cpuParallel(jobs, each),
          emit: (e) => ctx.emit(e),
        };
        return raftSpec.module.createReplica(doubled, config, app);
      },
    };
    const check = idealNetworkChecks({ ...raftSpec, module: chatty }).find((c) => c.id === 'ideal.raft.messages.n3')!;
    const r = check.run();
    expect(r.passed).toBe(false);
    expect(r.simulated).toBeGreaterThan(r.expected);
  });
});
