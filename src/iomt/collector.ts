/**
 * Turns what the IoMT model did into `iomt.*` metrics: model events from gateways, stores, care
 * teams and clients, and contract outcomes (first execution of each transaction by any replica).
 * Contract-state agreement across replicas is the state-agreement checker's job. Nothing here
 * steers the model.
 *
 * Audit and consent are judged where a violation would show, on every record a store served
 * (served-reads.ts), against the AuditLog and Consent state committed on honest replicas.
 */
import { Histogram } from '../metrics/histogram.ts';
import { LogHistogram } from './log-histogram.ts';
import type { CheckOutcome, Metrics } from '../metrics/types.ts';
import { requestKey, type AuditEntry, type ConsentRecord, type ContractOutcome } from '../contracts/index.ts';
import { REJECT_REASONS } from './admission.ts';
import type { AlertRule } from './alert-rules.ts';
import type { IomtEvent } from './events.ts';
import { PhiInspector } from './phi-inspector.ts';
import { AlarmRates } from './alarm-rates.ts';
import type { AlarmEvent } from './detectors.ts';
import { CHANNEL_INDEX, episodeKindOf, type Episode, type EpisodeKind } from './vitals.ts';
import { AlteredReads } from './altered-reads.ts';
import { surelyAlarmableUs, type ReadingTimes } from './sampled-hold.ts';
import { ServedReads, type ServedVerdicts } from './served-reads.ts';

const MS = 1_000;
/**
 * An alert is for an episode whose condition began between the episode's start and this grace after
 * its end, on the reporting device's clock: the grace covers the device's processing lag (a pulse
 * oximeter reports the SpO₂ of 5 s before) and its clock's offset. When the alert arrives does not
 * matter: a slow ledger's on-chain confirmation minutes later is still that episode's.
 */
const EPISODE_GRACE_US = 60_000_000;

/** How an episode is scored (IomtCollector.scoring). */
type EpisodeScoring = 'scored' | 'unwatched' | 'shorter-than-hold' | 'undersampled' | 'unobservable' | 'outside';

/** How one device of a patient samples a channel (CHANNEL_INDEX). */
export interface ChannelReadingTimes extends ReadingTimes {
  readonly channel: number;
}

interface EpisodeTrack {
  readonly e: Episode;
  /** When the first alert for the episode arrived on each path (NaN: none), and the rule that raised it. */
  fastUs: number;
  chainUs: number;
  fastRule: number;
  chainRule: number;
}

export class IomtCollector {
  /** Per-reading latencies: millions per hour, so bounded error (0.1 %) in constant memory. */
  readonly durable = new LogHistogram();
  readonly anchored = new LogHistogram();
  readonly alertFast = new Histogram();
  readonly alertChain = new Histogram();
  readonly accessDecision = new Histogram();
  readonly integrityCheck = new Histogram();
  readonly revokeEnforced = new Histogram();
  /** Time from a device revocation's commit to its gateway applying it (ms), for those committed after the warm-up. */
  readonly deviceRevocationApplied = new Histogram();
  private alertsScored = false;
  /** Episodes alerted within their rule's target on each path (of the episodes iomt.episodes counts). */
  private fastWithinTarget = 0;
  private chainWithinTarget = 0;
  private falseAlerts = 0;
  private duplicateAlerts = 0;
  readonly rejected = new Float64Array(REJECT_REASONS.length);
  private readingsAnchored = 0;
  /** Readings in batches the store acknowledged as durable (whole run). */
  private readingsDurable = 0;
  /**
   * Access requests submitted to AccessControl (whole run), decided or not, by requestKey: an id is
   * its requester's own, as AccessControl and the served reads key it (src/contracts/access.ts), so
   * two requesters' requests of the same id are two requests, not one.
   */
  private readonly accessSubmitted = new Set<string>();
  private anchorTxBytes = 0;
  private onchainBytes = 0;
  private committedTxs = 0;
  private rejectedCalls = 0;
  private storeRefused = 0;
  private storeRefusedRootMismatch = 0;
  /** Access requests decided and confirmed to their requesters: the patient asked for, by requestKey (as accessSubmitted). */
  readonly accessRequests = new Map<string, number>();
  private readonly decisions = { permit: 0, deny: 0, 'break-glass': 0, unknown: 0 } as Record<string, number>;
  private readonly integrity = { valid: 0, invalid: 0, unanchored: 0, 'not-found': 0, refused: 0, unanswered: 0 } as Record<string, number>;
  private staleAccesses = 0;
  /**
   * Consent revocations submitted and not yet committed, by transaction id: a revocation leaves
   * them when its transaction commits, as the revocation or as a refused call (the consent then
   * stays active, and a permit on it is the committed state's, not stale). By transaction, not
   * consent, so that a refused revocation (another host's, not the patient's) does not settle the
   * patient's own still pending.
   */
  private readonly pendingRevokes = new Map<number, { readonly consent: string; readonly submittedUs: number }>();
  /** Per consent, how many of its revocations are pending (pendingRevokes). */
  private readonly pendingRevokesByConsent = new Map<string, number>();
  /** Device revocations committed (first execution) and not yet applied by the device's gateway: commit time by device name. */
  private readonly unappliedDeviceRevocations = new Map<string, number>();
  /** Every record a store served, judged at the end against the committed audit and consent state. */
  readonly served = new ServedReads();
  /** The altered records served and their readers' integrity checks, for attacks that alter records to score against. */
  readonly altered = new AlteredReads();
  private alarms = 0;
  private readonly alarmRates: AlarmRates;
  readonly phi: PhiInspector;
  private readonly episodesByPatient = new Map<number, EpisodeTrack[]>();

  /** Bound on a device clock's drift (ppm): how far before an episode's start its condition may read. */
  private readonly clockDriftPpm: number;
  /** Per patient, how each of their devices samples its channel; undefined: every channel, continuously. */
  private readonly readingTimes: readonly (readonly ChannelReadingTimes[])[] | undefined;

  constructor(
    private readonly rules: readonly AlertRule[],
    episodes: readonly Episode[],
    phiIdentifiers: readonly string[],
    private readonly warmupUs: number,
    detectors: readonly string[] = [],
    options: { readonly clockDriftPpm?: number; readonly readingTimes?: readonly (readonly ChannelReadingTimes[])[] } = {},
  ) {
    this.phi = new PhiInspector(phiIdentifiers);
    this.alarmRates = new AlarmRates(detectors, warmupUs);
    this.clockDriftPpm = options.clockDriftPpm ?? 0;
    this.readingTimes = options.readingTimes;
    for (const e of episodes) {
      let list = this.episodesByPatient.get(e.patient);
      if (list === undefined) this.episodesByPatient.set(e.patient, (list = []));
      list.push({ e, fastUs: NaN, chainUs: NaN, fastRule: -1, chainRule: -1 });
    }
  }

  onEvent(event: IomtEvent | AlarmEvent, nowUs: number): void {
    switch (event.kind) {
      case 'alarm':
        this.alarms++;
        this.alarmRates.add(event.detector, nowUs);
        return;
      case 'iomt-reading-rejected':
        this.rejected[REJECT_REASONS.indexOf(event.reason)]! += 1;
        return;
      case 'iomt-batch-durable': {
        if (!event.stored) {
          this.storeRefused += event.trueUs.length;
          if (event.refused === 'root-mismatch') this.storeRefusedRootMismatch += event.trueUs.length;
          return;
        }
        const t = event.trueUs;
        this.readingsDurable += t.length;
        for (let i = 0; i < t.length; i++) if (t[i]! >= this.warmupUs) this.durable.add((nowUs - t[i]!) / MS);
        return;
      }
      case 'iomt-batch-anchored': {
        const t = event.trueUs;
        for (let i = 0; i < t.length; i++) if (t[i]! >= this.warmupUs) this.anchored.add((nowUs - t[i]!) / MS);
        return;
      }
      case 'iomt-alert-delivered':
        this.onAlert(event.path, event.patient, event.rule, event.conditionUs, nowUs);
        return;
      case 'iomt-access-submitted':
        this.accessSubmitted.add(requestKey(event.requester, event.request));
        return;
      case 'iomt-access-decided':
        this.accessRequests.set(requestKey(event.requester, event.request), event.patient);
        this.decisions[event.decision] = (this.decisions[event.decision] ?? 0) + 1;
        if (event.submittedUs >= this.warmupUs) this.accessDecision.add((nowUs - event.submittedUs) / MS);
        return;
      case 'iomt-integrity-check':
        this.integrity[event.outcome]! += 1;
        this.altered.onIntegrityCheck(event);
        // A read given up has no verdict: its time is the reader's deadline, not the system's.
        if (event.outcome !== 'unanswered' && event.requestedUs >= this.warmupUs) this.integrityCheck.add((nowUs - event.requestedUs) / MS);
        return;
      case 'iomt-revoke-submitted':
        this.pendingRevokes.set(event.tx, { consent: event.consent, submittedUs: event.submittedUs });
        this.pendingRevokesByConsent.set(event.consent, (this.pendingRevokesByConsent.get(event.consent) ?? 0) + 1);
        return;
      case 'iomt-device-revocation-applied': {
        const committedUs = this.unappliedDeviceRevocations.get(event.device);
        if (committedUs === undefined) return;
        this.unappliedDeviceRevocations.delete(event.device);
        if (committedUs >= this.warmupUs) this.deviceRevocationApplied.add((nowUs - committedUs) / MS);
        return;
      }
      case 'iomt-record-served':
        this.served.onServed(event, nowUs);
        this.altered.onServed(event);
        return;
    }
  }

  private onAlert(path: 'fast' | 'chain', patient: number, rule: number, conditionUs: number, nowUs: number): void {
    const r = this.rules[rule]!;
    const kind = episodeKindOf(r.channel);
    const track = this.episodeAlerted(patient, kind, conditionUs);
    if (track === undefined) {
      if (path === 'fast') this.falseAlerts++;
      return;
    }
    if (!Number.isNaN(path === 'fast' ? track.fastUs : track.chainUs)) {
      if (path === 'fast') this.duplicateAlerts++;
      return;
    }
    if (path === 'fast') {
      track.fastUs = nowUs;
      track.fastRule = rule;
    } else {
      track.chainUs = nowUs;
      track.chainRule = rule;
    }
  }

  /**
   * The episode an alert whose condition began at `conditionUs` (the reporting device's clock) is
   * for: the latest of its kind begun by then and ended no more than the grace before it. The
   * condition, not the alert's arrival, places it: matched by arrival, an alert the ledger confirmed
   * more than the grace after a short episode's end was nobody's, so the on-chain share fell with
   * episode length rather than with the ledger, and its latencies were capped at the episode's end
   * plus the grace. A slow clock reads a condition at the episode's first readings up to its drift
   * before the start. The latest such episode, not the earliest: the earliest credited a later
   * episode's alert to an earlier one already alerted (a duplicate, and the later one missed).
   */
  private episodeAlerted(patient: number, kind: EpisodeKind | undefined, conditionUs: number): EpisodeTrack | undefined {
    const list = this.episodesByPatient.get(patient);
    if (list === undefined) return undefined;
    const drift = this.clockDriftPpm * 1e-6;
    let latest: EpisodeTrack | undefined;
    for (const t of list) {
      if (t.e.kind !== kind || (latest !== undefined && t.e.startUs <= latest.e.startUs)) continue;
      // Device clock = true time × (1 ± drift), rounded to the µs.
      if (t.e.startUs * (1 - drift) - 1 <= conditionUs && conditionUs <= t.e.endUs * (1 + drift) + 1 + EPISODE_GRACE_US) latest = t;
    }
    return latest;
  }

  /**
   * Alert latencies and the share within target, over the episodes iomt.episodes counts: begun
   * after the warm-up and at least the grace before the end. An episode begun later is seen alerted
   * only if its alert was quick, so counting it would bias the latencies low.
   */
  private scoreAlerts(durationUs: number): void {
    if (this.alertsScored) return;
    this.alertsScored = true;
    for (const list of this.episodesByPatient.values()) {
      for (const t of list) {
        if (this.scoring(t.e, durationUs) !== 'scored') continue;
        if (!Number.isNaN(t.fastUs) && this.scoreAlert(t.fastUs - t.e.startUs, this.rules[t.fastRule]!, this.alertFast)) this.fastWithinTarget++;
        if (!Number.isNaN(t.chainUs) && this.scoreAlert(t.chainUs - t.e.startUs, this.rules[t.chainRule]!, this.alertChain)) this.chainWithinTarget++;
      }
    }
  }

  /** Record an alert's latency; whether it came within its rule's target. */
  private scoreAlert(latencyUs: number, r: AlertRule, latencies: Histogram): boolean {
    latencies.add(latencyUs / MS);
    // The hold is the rule's alarm condition delay; the target bounds what the system adds (IEC 60601-1-8).
    return latencyUs - r.holdUs <= r.targetUs;
  }

  /**
   * How an episode begun after the warm-up, with the grace to alert it before the end, is scored
   * ('outside' otherwise). 'scored': a rule watches its kind on a channel a device of the patient
   * measures, and it lasted long enough for that device's readings to surely show the rule its
   * hold (sampled-hold.ts). The others are left out of iomt.episodes, each counted apart so that
   * what leaves the within-target ratio's denominator shows:
   * - 'unwatched': no rule watches its kind (deleting a rule must not raise the ratio unseen);
   * - 'shorter-than-hold': shorter than the hold of every rule that watches it; by the alarm
   *   condition delay's design (IEC 60601-1-8 §6.1.2) such an episode is not alarmed, so counting
   *   it would score a correct silence as a miss;
   * - 'undersampled': it lasted a hold, but some phase of the readings of every device that
   *   measures the rule's channel misses it (a 100 s tachycardia that only a once-a-minute
   *   wearable sees, under a 65 s hold, is never alarmed: its readings span at most 62 s);
   *   counting it would score the devices' reading interval as the system's miss;
   * - 'unobservable': no device of the patient measures the channel of any rule that would score
   *   it (no device, no alert: counting it would score the ward's equipment as the system's miss).
   */
  private scoring(e: Episode, durationUs: number): EpisodeScoring {
    if (e.startUs < this.warmupUs || e.startUs + EPISODE_GRACE_US > durationUs) return 'outside';
    let watched = false;
    let lastedHold = false;
    let measured = false;
    const lastedUs = e.endUs - e.startUs;
    for (const r of this.rules) {
      if (episodeKindOf(r.channel) !== e.kind) continue;
      watched = true;
      if (lastedUs < r.holdUs) continue;
      lastedHold = true;
      if (this.readingTimes === undefined) return 'scored';
      const channel = CHANNEL_INDEX[r.channel];
      for (const times of this.readingTimes[e.patient] ?? []) {
        if (times.channel !== channel) continue;
        measured = true;
        if (lastedUs >= surelyAlarmableUs(r.holdUs, times)) return 'scored';
      }
    }
    if (!watched) return 'unwatched';
    if (!lastedHold) return 'shorter-than-hold';
    return measured ? 'undersampled' : 'unobservable';
  }

  /** A contract call's outcome at its first execution by any replica (the only one emitted: `emitFirst`). */
  onOutcome(o: ContractOutcome, nowUs: number): void {
    this.committedTxs++;
    this.onchainBytes += o.tx.sizeBytes;
    this.phi.inspect(o.tx);
    switch (o.kind) {
      case 'anchored':
        this.readingsAnchored += o.anchor.readings;
        this.anchorTxBytes += o.tx.sizeBytes;
        return;
      case 'consent-revoked': {
        const submittedUs = this.revokeCommitted(o.tx.id);
        if (submittedUs !== undefined && submittedUs >= this.warmupUs) this.revokeEnforced.add((nowUs - submittedUs) / MS);
        return;
      }
      case 'access': {
        this.served.onAccess(o, nowUs);
        const c = o.access.consent;
        if (o.access.decision !== 'permit' || c === '') return;
        // Granted on a consent whose revocation was already submitted but not yet committed: stale.
        if (this.pendingRevokesByConsent.has(c)) this.staleAccesses++;
        return;
      }
      case 'device':
        // A device is registered with one gateway, and a revoked device never changes again (src/contracts/registry.ts).
        if (o.method === 'revoke') this.unappliedDeviceRevocations.set(o.device, nowUs);
        return;
      case 'rejected':
        this.rejectedCalls++;
        // A refused revocation committed too: it no longer keeps its consent's permits stale.
        this.revokeCommitted(o.tx.id);
        return;
      default:
        return;
    }
  }

  /** The revocation submitted as transaction `tx` committed (either way): no longer pending. Its submission time; undefined when it was not pending. */
  private revokeCommitted(tx: number): number | undefined {
    const pending = this.pendingRevokes.get(tx);
    if (pending === undefined) return undefined;
    this.pendingRevokes.delete(tx);
    const left = this.pendingRevokesByConsent.get(pending.consent)! - 1;
    if (left === 0) this.pendingRevokesByConsent.delete(pending.consent);
    else this.pendingRevokesByConsent.set(pending.consent, left);
    return pending.submittedUs;
  }

  /**
   * `audit`: the access and break-glass entries committed on honest replicas, by the request they
   * record (requestKey of its agent and ref); `consents`: the Consent state committed on the most
   * advanced honest replica; `consentRevokedUs`: when the first honest replica executed each
   * consent's revocation.
   */
  finish(o: { readonly durationUs: number; readonly accepted: number; readonly readingsSent: number; readonly readingsLost: number; readonly alertsRefused: number; readonly audit: ReadonlyMap<string, AuditEntry>; readonly consents: ReadonlyMap<string, ConsentRecord>; readonly consentRevokedUs: ReadonlyMap<string, number> }): { metrics: Metrics; checks: CheckOutcome[] } {
    const served: ServedVerdicts = this.served.judge(o.durationUs, o.audit, o.consents, o.consentRevokedUs);
    this.scoreAlerts(o.durationUs);
    const m: Metrics = {};
    const put = (name: string, unit: string, value: number): void => {
      m[name] = { unit, value };
    };
    const lat = (family: string, h: Histogram | LogHistogram): void => {
      const empty = h.count === 0;
      put(`${family}.mean`, 'ms', h.mean);
      put(`${family}.p50`, 'ms', h.percentile(50));
      put(`${family}.p95`, 'ms', h.percentile(95));
      put(`${family}.p99`, 'ms', h.percentile(99));
      put(`${family}.max`, 'ms', empty ? NaN : h instanceof LogHistogram ? h.max : h.summary().max);
    };
    put('iomt.readings_sent', 'count', o.readingsSent);
    put('iomt.readings_lost', 'count', o.readingsLost);
    put('iomt.readings_accepted', 'count', o.accepted);
    let rejectedTotal = 0;
    REJECT_REASONS.forEach((r, i) => {
      put(`iomt.readings_rejected.${r.replace('-', '_')}`, 'count', this.rejected[i]!);
      rejectedTotal += this.rejected[i]!;
    });
    put('iomt.readings_rejected', 'count', rejectedTotal);
    put('iomt.readings_anchored', 'count', this.readingsAnchored);
    put('iomt.readings_durable', 'count', this.readingsDurable);
    // The latency families describe the readings that completed; these say how many did.
    put('iomt.readings_durable_ratio', 'ratio', o.accepted === 0 ? NaN : this.readingsDurable / o.accepted);
    put('iomt.readings_anchored_ratio', 'ratio', o.accepted === 0 ? NaN : this.readingsAnchored / o.accepted);
    put('iomt.store_refused_readings', 'count', this.storeRefused);
    put('iomt.store_refused_readings.root_mismatch', 'count', this.storeRefusedRootMismatch);
    lat('iomt.durable_latency_ms', this.durable);
    lat('iomt.anchor_latency_ms', this.anchored);
    lat('iomt.alert_latency_ms', this.alertFast);
    lat('iomt.alert_latency_onchain_ms', this.alertChain);
    const coverage = this.episodeCoverage(o.durationUs);
    const { scored: eligible, fast, chain } = coverage;
    // An episode no alert reached on a path is a miss of that path's target, not left out.
    put('iomt.alert_within_target_ratio', 'ratio', eligible === 0 ? NaN : this.fastWithinTarget / eligible);
    put('iomt.alert_within_target_onchain_ratio', 'ratio', eligible === 0 ? NaN : this.chainWithinTarget / eligible);
    put('iomt.episodes', 'count', eligible);
    // The ratios' numerators, so that a report can say "k of N episodes" over all replications.
    put('iomt.episodes_within_target', 'count', this.fastWithinTarget);
    put('iomt.episodes_within_target_onchain', 'count', this.chainWithinTarget);
    put('iomt.episodes_alerted', 'count', fast);
    put('iomt.episodes_alerted_onchain', 'count', chain);
    put('iomt.episodes_unwatched', 'count', coverage.unwatched);
    put('iomt.episodes_shorter_than_hold', 'count', coverage['shorter-than-hold']);
    put('iomt.episodes_undersampled', 'count', coverage.undersampled);
    put('iomt.episodes_unobservable', 'count', coverage.unobservable);
    put('iomt.episodes_alerted_ratio', 'ratio', eligible === 0 ? NaN : fast / eligible);
    put('iomt.episodes_alerted_onchain_ratio', 'ratio', eligible === 0 ? NaN : chain / eligible);
    put('iomt.false_alerts', 'count', this.falseAlerts);
    put('iomt.alerts_refused_onchain', 'count', o.alertsRefused);
    put('iomt.duplicate_alerts', 'count', this.duplicateAlerts);
    lat('iomt.access_decision_latency_ms', this.accessDecision);
    put('iomt.access_requests', 'count', this.accessRequests.size);
    put('iomt.access_requests_submitted', 'count', this.accessSubmitted.size);
    put('iomt.access_decided_ratio', 'ratio', this.accessSubmitted.size === 0 ? NaN : this.accessRequests.size / this.accessSubmitted.size);
    put('iomt.access_permitted', 'count', this.decisions['permit']!);
    put('iomt.access_denied', 'count', this.decisions['deny']!);
    put('iomt.access_break_glass', 'count', this.decisions['break-glass']!);
    lat('iomt.consent_revoke_enforced_latency_ms', this.revokeEnforced);
    lat('iomt.device_revocation_applied_latency_ms', this.deviceRevocationApplied);
    put('iomt.device_revocations_unapplied', 'count', this.unappliedDeviceRevocations.size);
    put('iomt.stale_accesses', 'count', this.staleAccesses);
    put('iomt.consent_violations', 'count', served.consentViolations);
    put('iomt.records_served_after_revocation', 'count', served.afterRevocation);
    put('iomt.revoked_consent_read_window_ms', 'ms', served.revokedReadWindowUs / MS);
    put('iomt.onchain_bytes_per_reading', 'B', this.readingsAnchored === 0 ? NaN : this.anchorTxBytes / this.readingsAnchored);
    put('iomt.onchain_bytes', 'B', this.onchainBytes);
    put('iomt.onchain_txs', 'count', this.committedTxs);
    put('iomt.contract_rejections', 'count', this.rejectedCalls);
    put('iomt.phi_bytes_on_chain', 'B', this.phi.phiBytes);
    put('iomt.records_served', 'count', served.served);
    put('iomt.records_served_unaudited', 'count', served.unaudited.length);
    put('iomt.audit_completeness_ratio', 'ratio', served.judged === 0 ? NaN : served.audited / served.judged);
    put('iomt.integrity_checks_valid', 'count', this.integrity['valid']!);
    put('iomt.integrity_checks_invalid', 'count', this.integrity['invalid']!);
    put('iomt.integrity_checks_unanchored', 'count', this.integrity['unanchored']!);
    put('iomt.integrity_checks_not_found', 'count', this.integrity['not-found']!);
    put('iomt.integrity_checks_refused', 'count', this.integrity['refused']!);
    put('iomt.integrity_checks_unanswered', 'count', this.integrity['unanswered']!);
    lat('iomt.integrity_check_latency_ms', this.integrityCheck);
    put('iomt.detector_alarms', 'count', this.alarms);
    Object.assign(m, this.alarmRates.metrics(o.durationUs));
    // Each check names the metric that measures its violations, so a scenario whose intended outcome
    // is that the check detects an attack states it in `expect:` (src/runner/summary.ts checkCounts).
    // A check with nothing to judge says so (`couldNotFail`), as the consensus checks do.
    const vacuous = (nothing: boolean, why: string) => (nothing ? { couldNotFail: why } : {});
    const checks: CheckOutcome[] = [
      { name: 'iomt.no_phi_on_chain', passed: this.phi.phiBytes === 0, ...vacuous(this.phi.inspectedTxs === 0, 'no committed transaction was inspected'), detail: this.phi.phiBytes === 0 ? `${this.phi.inspectedTxs} transactions inspected` : `PHI in fields ${[...this.phi.offendingFields].join(', ')}`, violationsMetric: 'iomt.phi_bytes_on_chain' },
      { name: 'iomt.audit_complete', passed: served.unaudited.length === 0, ...vacuous(served.judged === 0, 'no record served was judged (none was served before the end of the run)'), detail: auditDetail(served), violationsMetric: 'iomt.audit_completeness_ratio' },
      { name: 'iomt.integrity', passed: this.integrity['invalid'] === 0, ...vacuous(this.integrity['valid']! + this.integrity['invalid']! === 0, 'no record read was checked against an anchored root'), detail: `${this.integrity['valid']} valid, ${this.integrity['invalid']} invalid reads`, violationsMetric: 'iomt.integrity_checks_invalid' },
      { name: 'iomt.consent_enforced', passed: served.consentViolations === 0, ...vacuous(served.underConsent === 0, "no record was served under a consent's permit"), detail: `${served.consentViolations} of ${served.underConsent} records served under a consent's permit were served more than 5 s after the consent's revocation committed, on a permit decided after it, or outside its period (${served.afterRevocation} served after a revocation committed, those within 5 s of it not violations)`, violationsMetric: 'iomt.consent_violations' },
    ];
    return { metrics: m, checks };
  }

  private episodeCoverage(durationUs: number): Record<EpisodeScoring, number> & { fast: number; chain: number } {
    const coverage = { scored: 0, unwatched: 0, 'shorter-than-hold': 0, undersampled: 0, unobservable: 0, outside: 0, fast: 0, chain: 0 };
    for (const list of this.episodesByPatient.values()) {
      for (const t of list) {
        const scoring = this.scoring(t.e, durationUs);
        coverage[scoring]++;
        if (scoring !== 'scored') continue;
        if (!Number.isNaN(t.fastUs)) coverage.fast++;
        if (!Number.isNaN(t.chainUs)) coverage.chain++;
      }
    }
    return coverage;
  }
}

function auditDetail(v: ServedVerdicts): string {
  const unjudged = v.served - v.judged;
  return `${v.audited} of ${v.judged} records served have their access in the committed AuditLog${unjudged > 0 ? ` (${unjudged} served at the end of the run, their entry still to come, not judged)` : ''}`;
}
