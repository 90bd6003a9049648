/**
 * A protocol whose replicas share memory, which the design forbids (docs/architecture.md, "Core
 * concepts"): PBFT whose replicas all count, in one module-level variable, the messages any of
 * them received, and each charges processor time that depends on the count. On one thread every
 * replica sees every other's count; split over threads each thread's replicas see only their own,
 * so the two runs differ, and `iomtsim fuzz --threads` must say so (a divergence).
 */
import type { Actor, ActorContext, HostId } from '../../../sim/index.ts';
import { makePbftModule } from '../../protocols/pbft/index.ts';

const pbft = makePbftModule({});
let messagesSeenByAnyReplica = 0;

export default {
  ...pbft,
  name: 'pbft-shared-memory',
  title: 'PBFT whose replicas share a counter (a broken plug-in for the fuzzer\'s --threads test)',
  createReplica(ctx: ActorContext<unknown>, config: Parameters<typeof pbft.createReplica>[1], app: Parameters<typeof pbft.createReplica>[2]): Actor<unknown> {
    const inner = pbft.createReplica(ctx, config, app);
    return {
      onStart: () => inner.onStart?.(),
      onTimer: (tag) => inner.onTimer(tag),
      onRecover: () => inner.onRecover?.(),
      onMessage(from: HostId, msg: unknown) {
        messagesSeenByAnyReplica++;
        ctx.cpu(messagesSeenByAnyReplica % 7);
        inner.onMessage(from, msg);
      },
    };
  },
};
