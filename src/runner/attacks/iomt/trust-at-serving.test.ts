/**
 * Audit completeness and consent enforcement can fail: measured on the records the stores served
 * (src/iomt/served-reads.ts), they move and their checks fail when the store or the Consent
 * contract is broken, on the same bundled scenario and seed that passes as shipped. The
 * audit-bypass score moves too when the measure is blind to bypassed reads or to committed entries.
 */
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { forwardingContext, type ActorContext, type HostId } from '../../../../sim/index.ts';
import { ConsentContract } from '../../../contracts/index.ts';
import { ACTOR_KINDS } from '../../../iomt/actor-kinds.ts';
import type { GetLatest, GetReply } from '../../../iomt/messages.ts';
import { recordDevice } from '../../../iomt/reading.ts';
import { recordIn } from '../../../iomt/served-record-tap.ts';
import { ServedReads } from '../../../iomt/served-reads.ts';
import { OffChainStore, type StoreConfig } from '../../../iomt/store.ts';
import type { RunOutput } from '../../../metrics/types.ts';
import { loadScenario } from '../../../scenario/load.ts';
import { simulate } from '../../simulate.ts';

const scenarioOf = (name: string) => loadScenario(fileURLToPath(new URL(`../../../../scenarios/attacks/${name}.yaml`, import.meta.url))).scenario;

function run(name: string): RunOutput {
  const s = scenarioOf(name);
  return simulate(s, s.seed);
}

const passed = (out: RunOutput, check: string) => out.checks.find((c) => c.name === check)?.passed;

/**
 * A broken store: a read cache in front of its permit check answers a read that names no request
 * with the record of its device the store last sent, straight onto the network, around the
 * store's own code.
 */
class CachingStore extends OffChainStore {
  private readonly lastSent: Map<number, NonNullable<GetReply['found']>>;
  private readonly network: ActorContext<unknown>;

  constructor(ctx: ActorContext<unknown>, config: StoreConfig) {
    const lastSent = new Map<number, NonNullable<GetReply['found']>>();
    const keepSent = (to: HostId, msg: unknown, sizeBytes: number): void => {
      const found = recordIn(msg);
      if (found !== undefined) lastSent.set(recordDevice(found.record, 0), found);
      ctx.send(to, msg, sizeBytes);
    };
    super(forwardingContext(ctx, { send: keepSent }), config);
    this.lastSent = lastSent;
    this.network = ctx;
  }

  override onMessage(from: HostId, msg: unknown): void {
    const m = msg as GetLatest;
    const cached = m.kind === 'get' && m.request === undefined ? this.lastSent.get(m.device) : undefined;
    if (cached === undefined) return super.onMessage(from, msg);
    this.network.send(from, { kind: 'get-reply', token: m.token, found: cached } satisfies GetReply, 64);
  }
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('trust properties measured at serving', () => {
  it('audit: a store that serves without checking the permit lets the intruder\'s reads out unaudited, and iomt.audit_complete fails', () => {
    const honest = run('consent-bypass');
    expect(honest.metrics['iomt.audit_completeness_ratio']!.value).toBe(1);
    expect(passed(honest, 'iomt.audit_complete')).toBe(true);
    // Broken store: every read is served, permit or not.
    vi.spyOn(OffChainStore.prototype as unknown as { authorize(from: HostId, m: GetLatest): void }, 'authorize').mockImplementation(function (this: OffChainStore, from, m) {
      this.serveWithoutPermit(from, m);
    });
    const broken = run('consent-bypass');
    expect(broken.metrics['iomt.records_served_unaudited']!.value).toBeGreaterThan(0);
    expect(broken.metrics['iomt.audit_completeness_ratio']!.value).toBeLessThan(1);
    expect(passed(broken, 'iomt.audit_complete')).toBe(false);
  });

  it("audit: a store that sends records around its own code (a read cache before its permit check) is judged on what its host sent: the intruder's reads are unaudited, and iomt.audit_complete fails", () => {
    vi.spyOn(ACTOR_KINDS, 'store').mockImplementation((ctx, config) => new CachingStore(ctx, config));
    const broken = run('consent-bypass');
    const received = broken.metrics['attack.unauthorized_reads']!.value;
    expect(received).toBeGreaterThan(0);
    expect(broken.metrics['iomt.records_served_unaudited']!.value).toBe(received);
    expect(broken.metrics['iomt.audit_completeness_ratio']!.value).toBeLessThan(1);
    expect(passed(broken, 'iomt.audit_complete')).toBe(false);
  });

  it('consent: a Consent contract that ignores expiry, at stores that do not check a permit\'s consent end, lets reads out on permits past the period, and iomt.consent_enforced fails', () => {
    expect(run('consent-expired').metrics['iomt.consent_violations']!.value).toBe(0);
    vi.spyOn(OffChainStore.prototype as unknown as { withinConsent(): boolean }, 'withinConsent').mockReturnValue(true);
    vi.spyOn(ConsentContract.prototype, 'permitting').mockImplementation(function (this: ConsentContract, patient, grantee, purpose) {
      for (const [id, c] of this.consents) if (c.patient === patient && c.grantee === grantee && c.purpose === purpose && c.provision === 'permit' && c.status === 'active') return id;
      return undefined;
    });
    const broken = run('consent-expired');
    expect(broken.metrics['iomt.consent_violations']!.value).toBeGreaterThan(0);
    expect(passed(broken, 'iomt.consent_enforced')).toBe(false);
  });

  it('consent: a Consent contract that ignores revocation lets reads out on permits after the revoking block, and iomt.consent_enforced fails', () => {
    expect(run('consent-revoked').metrics['iomt.consent_violations']!.value).toBe(0);
    vi.spyOn(ConsentContract.prototype, 'permitting').mockImplementation(function (this: ConsentContract, patient, grantee, purpose, timeUs) {
      for (const [id, c] of this.consents) if (c.patient === patient && c.grantee === grantee && c.purpose === purpose && c.provision === 'permit' && timeUs >= c.periodStartUs && timeUs < c.periodEndUs) return id;
      return undefined;
    });
    const broken = run('consent-revoked');
    expect(broken.metrics['iomt.consent_violations']!.value).toBeGreaterThan(0);
    expect(passed(broken, 'iomt.consent_enforced')).toBe(false);
  });
});

describe('audit-bypass scored against its ground truth', () => {
  it('a measure that only looks at reads naming a request misses every bypassed read', () => {
    const original = ServedReads.prototype.onServed;
    vi.spyOn(ServedReads.prototype, 'onServed').mockImplementation(function (this: ServedReads, e, nowUs) {
      if (e.request !== '') original.call(this, e, nowUs);
    });
    const m = run('audit-bypass').metrics;
    expect(m['attack.audit_bypass.unaudited_reads']!.value).toBeGreaterThan(0);
    expect(m['attack.audit_bypass.detection_rate']!.value).toBe(0);
    expect(m['iomt.audit_completeness_ratio']!.value).toBe(1);
  });

  it('a measure that cannot find committed entries counts honest reads as unaudited too', () => {
    const original = ServedReads.prototype.judge;
    vi.spyOn(ServedReads.prototype, 'judge').mockImplementation(function (this: ServedReads, endUs, _audit, consents, revokedUs) {
      return original.call(this, endUs, new Map(), consents, revokedUs);
    });
    const m = run('audit-bypass').metrics;
    expect(m['attack.audit_bypass.detection_rate']!.value).toBe(1);
    expect(m['attack.audit_bypass.false_unaudited_reads']!.value).toBeGreaterThan(0);
  });
});
