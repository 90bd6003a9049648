/**
 * Insider misuse (abnormal access volume): a proxy makes a credentialed clinician's own client
 * issue extra access requests (src/attacks/iomt/client-proxy.ts), decided and audited like any. An
 * access monitor counts each clinician's audited accesses per window from the committed AuditLog
 * and runs EWMA and CUSUM detectors per requester (src/attacks/iomt/access-monitor.ts); they are
 * scored against the insider labels, every other clinician being a negative.
 */
import { z } from 'zod';
import type { ActorContext } from '../../../sim/index.ts';
import { pseudonym } from '../../iomt/pseudonym.ts';
import type { Metrics } from '../../metrics/types.ts';
import { defineAttack } from '../definition.ts';
import { TRUTH_LABEL_EVENT, type GroundTruth } from '../ground-truth.ts';
import { param, zOrdinal } from '../params.ts';
import { ACCESS_DETECTORS, AccessMonitor } from './access-monitor.ts';
import { detectorScores } from './detection.ts';
import { AlarmSpans } from './alarm-spans.ts';
import { ClientProxy } from './client-proxy.ts';
import { nodeEndpoint, siteLink, specsAimedAt } from './layout.ts';
import { withPartitions } from './runtime.ts';

/** Length of the access monitor's counting window, and how many windows set a requester's baseline. */
const ACCESS_WINDOW_US = 60_000_000;
const ACCESS_WARMUP_WINDOWS = 5;

export const insider = defineAttack({
  type: 'insider',
  title: 'Insider misuse (abnormal access volume)',
  category: 'device',
  // The proxies count their extra requests; the detectors' alarms are events the coordinator sees.
  splitsOverThreads: () => true,
  targets: 'clinicians',
  model: "proxy makes a credentialed clinician's own client issue extra access requests (decided and audited like any); an access monitor counts each clinician's audited accesses per 60 s window from the committed AuditLog its node sends it and runs EWMA and CUSUM detectors per requester (5-window baseline), scored against the insider labels",
  paramsSchema: z.object({
    clinicians: param(z.array(zOrdinal).min(1), 'Misusing clinicians (0 is the first in topology order).', 'clinician number list'),
    rate: param(z.number().positive(), 'Extra access requests per hour each insider issues, on top of its normal rate.', 'requests/hour'),
  }),
  windowMeanings: { start: "When the insiders start their extra requests. Before the access monitor's 5-window baseline (5 min) its detectors learn the extra volume as normal and never alarm; the command line says so when the scenario loads." },
  outcomes: ['attack.insider_extra_requests', 'detect.ewma_access_rate.detection_rate', 'detect.ewma_access_rate.false_positive_rate', 'detect.cusum_access_rate.time_to_detect_ms', 'iomt.audit_completeness_ratio'],
  device: {
    checkWorldTargets: (spec, sizes, issues) => spec.clinicians.forEach((c, j) => issues.index(`clinicians.${j}`, c, sizes.clinicians, 'a clinician number')),
    // Every requester's baseline is its first ACCESS_WARMUP_WINDOWS windows of audited accesses.
    detectorBaselines: () => ACCESS_DETECTORS.map((detector) => ({ detector, readyUs: ACCESS_WARMUP_WINDOWS * ACCESS_WINDOW_US })),
    plan: (specs, env) => {
      const proxies: ClientProxy[] = [];
      const spans = new AlarmSpans<string>();
      let pseudonyms: string[] = [];
      let runEndUs = Infinity;
      return {
        wrapClinician(clinician, factory) {
          const windows = specsAimedAt(specs, (s) => s.clinicians, clinician).map((s) => ({ start: s.start, end: s.end, ratePerHour: s.rate }));
          if (windows.length === 0) return undefined;
          return (ctx) => {
            // Its extra requests are the insider's own transactions (no legitimate traffic, attack.legit_latency_ms).
            const p = new ClientProxy(ctx, factory, windows, (tx) => ({ kind: TRUTH_LABEL_EVENT, entity: 'tx', id: tx.id, attack: 'insider', role: 'insider-request', fromUs: tx.submittedUs }));
            proxies.push(p);
            return p;
          };
        },
        installAll(world) {
          const topo = world.topology;
          runEndUs = world.config.durationUs;
          pseudonyms = topo.clinicians.map((cl) => pseudonym('cl', world.config.seed, cl.host));
          for (const { spec } of specs) for (const i of spec.clinicians) env.truth.label('access', pseudonyms[i]!, 'insider', 'insider', spec.start, spec.end ?? Infinity);
          const hosp = topo.hospitals[0]!;
          const opts = { windowUs: ACCESS_WINDOW_US, warmupWindows: ACCESS_WARMUP_WINDOWS, requesters: [...pseudonyms], node: nodeEndpoint(world, hosp.node) };
          world.engine.addHost(siteLink(world, hosp.region), (ctx: ActorContext<unknown>) => new AccessMonitor(ctx, opts), 'access-monitor');
          world.engine.observe((_h, e) => {
            if (e.kind !== 'alarm' && e.kind !== 'alarm-clear') return;
            const a = e as { detector?: unknown; subject?: unknown };
            if (typeof a.subject !== 'string' || !a.subject.startsWith('requester:') || typeof a.detector !== 'string') return;
            const who = a.subject.slice(10);
            const t = world.engine.nowUs;
            if (e.kind === 'alarm-clear') {
              spans.cleared(a.detector, who, t);
              return;
            }
            spans.raised(a.detector, who, t);
          });
        },
        hostTotals: () => extraRequests(proxies),
        outcomes: (partitions) => insiderMetrics(env.truth, pseudonyms.length, withPartitions(extraRequests(proxies), partitions), spans, runEndUs),
      };
    },
  },
});

/** Extra requests the clinician proxies this engine ran issued. */
function extraRequests(proxies: readonly ClientProxy[]): number {
  return proxies.reduce((x, p) => x + p.extraRequests, 0);
}

/**
 * Insider detectors scored against the insider labels: every other clinician is a negative. A label
 * whose window opens at or after the run's end (`runEndUs`) marks no insider of this run, and with
 * none there is nothing to detect: no score.
 */
function insiderMetrics(truth: GroundTruth, clinicians: number, extra: number, spans: AlarmSpans<string>, runEndUs: number): Metrics {
  const positives = truth.all('access', 'insider').filter((l) => l.fromUs < runEndUs);
  const positiveIds = new Set(positives.map((l) => l.id as string));
  const negatives = clinicians - positiveIds.size;
  const m: Metrics = { 'attack.insider_extra_requests': { unit: 'requests', value: extra } };
  if (positives.length === 0) return m;
  for (const detector of spans.scoredDetectors(ACCESS_DETECTORS)) Object.assign(m, detectorScores(detector, positives, negatives, spans, (who, t) => truth.isLabelledAt('access', who, t)));
  return m;
}
