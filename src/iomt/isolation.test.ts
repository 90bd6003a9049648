import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pbft } from '../protocols/pbft/index.ts';
import { DETECTOR_KINDS } from './detector-kinds/index.ts';
import { builderViolations, configViolations, modelServices, sourceViolations } from './testing/isolation.ts';
import { smallWorldConfig } from './testing/small-world.ts';
import { IomtWorld, type HostBuild } from './world.ts';

const DETECTORS = [
  { type: 'cusum', scope: 'device', feature: 'interarrival', k: 0.5, h: 10, warmup: 200 },
  { type: 'ewma', scope: 'gateway', feature: 'rate', lambda: 0.2, limitSigmas: 5, warmup: 12 },
] as const;

function world(): IomtWorld {
  return new IomtWorld(smallWorldConfig(pbft, { detectors: DETECTORS, detectorKinds: DETECTOR_KINDS, identity: { actionsPerHour: 6, revokeFraction: 0.2 } }));
}

const services = modelServices(DETECTOR_KINDS);

function sources(dir: URL, prefix: string): { path: string; text: string }[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .map((f) => ({ path: `${prefix}/${f}`, text: readFileSync(new URL(f, dir), 'utf8') }));
}

/** The node query service reads its own host's application; the world builds the applications and reads them for metrics after the run. */
const MAY_READ_REPLICA_STATE = new Set(['src/iomt/node-service.ts', 'src/iomt/world.ts']);
const actorSources = () => [...sources(new URL('./', import.meta.url), 'src/iomt'), ...sources(new URL('../attacks/iomt/', import.meta.url), 'src/attacks/iomt')];

describe('IoMT actors share no memory', () => {
  it('builds every host from its context and its own configuration, plain data that no other host can change', () => {
    const w = world();
    expect(w.builds.map((b) => b.host)).toEqual(Array.from({ length: w.engine.hostCount }, (_, h) => h));
    expect(new Set(w.builds.map((b) => b.kind))).toEqual(new Set(['node', 'store', 'care-team', 'admin', 'portal', 'gateway', 'device', 'access-client']));
    expect(configViolations(w.builds, services)).toEqual([]);
  });

  it('fails a world where an actor is given a closure over a replica\'s state, or the state itself', () => {
    const w = world();
    const app = w.apps[w.topology.nodes[0]!.host]!;
    const broken: HostBuild[] = w.builds.map((b) =>
      b.kind !== 'access-client' ? b : { ...b, config: { ...(b.config as object), decisionOf: (requester: string, request: string) => app.access.decisionOf(requester, request), node: app } },
    );
    const violations = configViolations(broken, services);
    expect(violations.some((v) => /^access-client \d+: a function at config\.decisionOf$/.test(v))).toBe(true);
    expect(violations.some((v) => /^access-client \d+: an instance of IomtLedgerApp at config\.node$/.test(v))).toBe(true);
  });

  it('fails a world where two hosts hold the same mutable object', () => {
    const w = world();
    const shared = { replicaHosts: [0, 1, 2, 3] };
    const broken = w.builds.map((b) => (b.kind === 'portal' || b.kind === 'admin' ? { ...b, config: { ...(b.config as object), ledger: shared } } : b));
    expect(configViolations(broken, services)).toEqual([expect.stringMatching(/^hosts \d+, \d+: share a mutable object/), expect.stringMatching(/^hosts \d+, \d+: share a mutable array/)]);
  });

  it('builds each actor kind with `new Actor(ctx, config)` and nothing else', () => {
    const table = readFileSync(new URL('./actor-kinds.ts', import.meta.url), 'utf8');
    expect(builderViolations(table)).toEqual([]);
    const closing = table.replace('(ctx: ActorContext<unknown>, config: StoreConfig) => new OffChainStore(ctx, config)', '(ctx: ActorContext<unknown>, config: StoreConfig) => new OffChainStore(ctx, { ...config, permits: WORLD.apps[0] })');
    expect(builderViolations(closing)).toHaveLength(1);
  });

  it('reads replica state only on the replica\'s host (the node query service) and in the world\'s metrics', () => {
    expect(sourceViolations(actorSources(), MAY_READ_REPLICA_STATE)).toEqual([]);
  });

  it('fails actor code that reads its node\'s state instead of asking it', () => {
    const broken = actorSources().map((f) =>
      f.path !== 'src/iomt/access-requester.ts' ? f : { ...f, text: f.text.replace("const decision = (answer?.q === 'access-decision' ? answer.decision : undefined) ?? 'unknown';", "const decision = this.app.access.decisionOf(this.requester, open.request) ?? 'unknown';") },
    );
    expect(sourceViolations(broken, MAY_READ_REPLICA_STATE)).toEqual([expect.stringMatching(/^src\/iomt\/access-requester\.ts:\d+: reads replica state/)]);
  });
});
