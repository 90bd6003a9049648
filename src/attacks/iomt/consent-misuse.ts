/**
 * Consent bypass via an expired or revoked consent: an injected clinician is granted the patient's
 * consent at start (scripted patient side, from a host that acts for the patient), then keeps requesting through AccessControl and reading
 * the store under each permit after the consent's period ends or the patient's revocation commits
 * (src/attacks/iomt/consent-misuser.ts). It requests and reads as a clinician's client does, so
 * iomt.access_* and the other IoMT counters include its traffic, as AccessControl decided it. It is
 * a legitimately enrolled reader (world.enrolReader: certified key, and its pseudonym bound to its
 * host on chain at genesis), so its requests pass AccessControl's identity check and are denied
 * for want of consent, never rejected for identity.
 */
import { z } from 'zod';
import type { ActorContext } from '../../../sim/index.ts';
import type { Metrics } from '../../metrics/types.ts';
import { zDurationUs, zPositiveDurationUs } from '../../scenario/zod-units.ts';
import { defineAttack } from '../definition.ts';
import { TRUTH_LABEL_EVENT, type TruthLabelEvent } from '../ground-truth.ts';
import { param, zOrdinal } from '../params.ts';
import { ConsentMisuser, ScriptedPatient, type MisuseRequest } from './consent-misuser.ts';
import { nodeEndpoint, siteLink } from './layout.ts';
import { summed } from './runtime.ts';

export const consentMisuse = defineAttack({
  type: 'consent-misuse',
  title: 'Consent bypass via an expired or revoked consent',
  category: 'device',
  // Each former grantee judges its own requests, at its patient's hospital.
  splitsOverThreads: () => true,
  targets: "one device's patient",
  model: "an injected clinician is granted the patient's consent at start (scripted patient side, from a host bound on chain as the patient's agent), then keeps requesting through AccessControl and reading the store under each permit (at once, or holdPermits later) after the consent's period ends or the patient's revocation commits, by a clinician's own code path (so its requests, permits, reads and integrity checks count in iomt.access_* and the other IoMT counters); requests are judged against the consent's end",
  paramsSchema: z.object({
    device: param(zOrdinal, "Device whose patient grants, then loses, the consent; its latest record is what is read.", 'device number'),
    mode: param(z.enum(['expired', 'revoked']), 'How the consent stops applying: its period ends, or the patient revokes it.', "'expired' or 'revoked'"),
    validFor: param(zPositiveDurationUs.default(30_000_000), "Consent period (expired), or time from the grant committing to the patient's revocation (revoked).", 'duration'),
    rate: param(z.number().positive().default(1), 'Access requests per second by the former grantee.', 'requests/s'),
    holdPermits: param(zDurationUs.default(0), 'How long the former grantee holds each permit before it reads under it: 0 reads at once; longer reads on permits decided before the revocation after it commits, which stores must refuse (iomt.records_served_after_revocation).', 'duration'),
  }),
  outcomes: ['attack.consent_misuse.permitted_after_end', 'attack.consent_misuse.unauthorized_reads', 'attack.consent_misuse.stale_permits', 'iomt.stale_accesses', 'iomt.records_served_after_revocation'],
  waitsFor: "the patient's consent grant, submitted at its start, to commit",
  device: {
    checkWorldTargets: (spec, sizes, issues) => issues.index('device', spec.device, sizes.devices, 'a device number'),
    plan: (specs, env) => {
      const misusers: ConsentMisuser[] = [];
      return {
        // A former grantee per attack, at the hospital of the device's patient.
        installAll(world) {
          const topo = world.topology;
          const c = world.config;
          const ledger = world.ledgerEndpoint;
          for (const { spec, index: k } of specs) {
            const d = topo.devices[spec.device]!;
            const hosp = topo.hospitals[d.hospital]!;
            const requester = `cl_misuse_${k}`;
            const patient = world.patientPseudonyms[d.patient]!;
            const node = nodeEndpoint(world, hosp.node);
            const opts = { end: spec.end, ratePerSec: spec.rate, holdPermitsUs: spec.holdPermits, ledger, node, target: { patient: d.patient, pseudonym: patient, device: spec.device, store: hosp.store }, verifier: world.keyRing, crypto: c.cryptoCosts };
            // The former grantee is enrolled as the world's clinicians are (a certified key, and bound
            // to its host on chain at genesis), so AccessControl decides its requests on consent
            // alone. The patient's side runs on a host of its own, bound on chain at genesis as an
            // agent of the patient (beside its portal), so the grant and revocation are the
            // patient's: the grantee's host could make neither. Both are enrolled here, not in the
            // factories, so that every partition of a split run binds them.
            const host = world.engine.hostCount;
            const patientHost = host + 1;
            const credential = world.enrolReader(requester, host);
            world.enrolPatientAgent(patient, patientHost);
            const placed = world.engine.addHost(siteLink(world, hosp.region), (ctx: ActorContext<unknown>) => {
              const a = new ConsentMisuser(ctx, { ...opts, credential });
              misusers.push(a);
              return a;
            }, `attacker:consent-misuse:${k}`);
            const patientPlaced = world.engine.addHost(siteLink(world, hosp.region), (ctx: ActorContext<unknown>) => new ScriptedPatient(ctx, {
              start: spec.start, mode: spec.mode, validForUs: spec.validFor, ledger, node, patient, grantee: requester, granteeHost: host, consent: `con_misuse_${k}`, farEndUs: c.durationUs + 3_600_000_000,
              // The grantee becomes a former grantee only once the patient's grant has committed:
              // ground truth of a run in which it never did (a ledger too slow for the run) labels
              // nothing, and the command line says the attack never acted (src/runner/silent-attacks.ts).
              // Both hosts are the attack's own, so none of their transactions (the grant, the
              // revocation, the requests) is legitimate traffic (attack.legit_latency_ms): labelled
              // as model events, which every observer learns, also a split run's coordinator; the
              // grant's own confirmation came before, and the outcomes judge it at the end.
              onGranted: (ctx) => {
                env.truth.label('access', requester, 'consent-misuse', `former-grantee:${spec.mode}`, spec.start, spec.end ?? Infinity);
                for (const [id, role] of [[host, 'former-grantee'], [patientHost, 'scripted-patient']] as const) {
                  const label: TruthLabelEvent = { kind: TRUTH_LABEL_EVENT, entity: 'host', id, attack: 'consent-misuse', role, fromUs: spec.start };
                  ctx.emit(label);
                }
              },
            }), `patient:consent-misuse:${k}`);
            if (placed !== host || patientPlaced !== patientHost) throw new Error(`consent-misuse: former grantee and patient placed at hosts ${placed} and ${patientPlaced}, expected ${host} and ${patientHost}`);
          }
        },
        hostTotals: () => misuseCounts(misusers),
        outcomes: (partitions) => misuseMetrics(summed(misuseCounts(misusers), partitions)),
      };
    },
  },
});

/**
 * Misuse judged against the consent's end: a request submitted after the period ended (expired),
 * or committed in a block after the revocation's (revoked), had to be denied; one permitted in or
 * before the revocation's block but decided after the revocation was submitted is stale.
 */
function misuseCounts(misusers: readonly ConsentMisuser[]): MisuseCounts {
  let requests = 0, undecided = 0, afterEnd = 0, deniedAfterEnd = 0, permittedAfterEnd = 0, unauthorizedReads = 0, stale = 0, validReads = 0;
  for (const a of misusers) {
    const mustDeny = (r: MisuseRequest) => r.height >= 0 && (r.submittedUs >= a.periodEndUs || r.height > a.revokeHeight);
    for (const r of a.requests) {
      if (r.height < 0) {
        undecided++;
        continue;
      }
      requests++;
      const permitted = r.decision === 'permit';
      if (mustDeny(r)) {
        afterEnd++;
        if (permitted) permittedAfterEnd++;
        else deniedAfterEnd++;
        if (r.read) unauthorizedReads++;
      } else {
        if (permitted && r.decidedUs >= a.revokeSubmittedUs) stale++;
        if (r.read) validReads++;
      }
    }
  }
  return { requests, undecided, afterEnd, deniedAfterEnd, permittedAfterEnd, unauthorizedReads, stale, validReads };
}

/** The misusers' requests, by verdict; the misusers of a split run's partitions counted apart. */
interface MisuseCounts {
  readonly requests: number;
  /** Submitted, but decided by no block before the run ended (a ledger slower than the run). */
  readonly undecided: number;
  readonly afterEnd: number;
  readonly deniedAfterEnd: number;
  readonly permittedAfterEnd: number;
  readonly unauthorizedReads: number;
  readonly stale: number;
  readonly validReads: number;
}

function misuseMetrics(sum: (field: keyof MisuseCounts) => number): Metrics {
  const p = 'attack.consent_misuse';
  return {
    [`${p}.requests`]: { unit: 'requests', value: sum('requests') },
    [`${p}.requests_undecided`]: { unit: 'requests', value: sum('undecided') },
    [`${p}.requests_after_end`]: { unit: 'requests', value: sum('afterEnd') },
    [`${p}.denied_after_end`]: { unit: 'requests', value: sum('deniedAfterEnd') },
    [`${p}.permitted_after_end`]: { unit: 'requests', value: sum('permittedAfterEnd') },
    [`${p}.unauthorized_reads`]: { unit: 'records', value: sum('unauthorizedReads') },
    [`${p}.stale_permits`]: { unit: 'requests', value: sum('stale') },
    [`${p}.valid_reads`]: { unit: 'records', value: sum('validReads') },
  };
}
