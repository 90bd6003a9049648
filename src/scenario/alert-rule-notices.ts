/**
 * Alert rules that a valid scenario states in a way its alert metrics would hide: worth a notice on
 * the command line, never an input error (a run may mean to measure exactly that).
 *
 * - A rule on a channel the model draws no clinical episodes on (glucose, blood pressure, infusion
 *   rate: src/iomt/vitals.ts EPISODE_CHANNEL): there is no ground truth to score it against, so
 *   every alert it raises counts in iomt.false_alerts (`glucose above 170, hold 1 s` alone on
 *   hospital.yaml, seed 1: 14 false alerts in the hour) and it alarms no episode.
 * - A rule whose hold is at least the longest episode the scenario draws of its kind
 *   (iomt.episodes.durationMax): a condition must hold for the hold within one episode before the
 *   rule alarms (the IEC 60601-1-8 alarm condition delay), so it can never alarm one; its episodes
 *   fall in iomt.episodes_shorter_than_hold, not in the within-target ratio.
 * - A rule whose episode kind the scenario draws at a rate of 0 (`iomt.episodes.*PerHour`): as on a
 *   channel without episodes, there is nothing for it to alarm and every alert it raises counts in
 *   iomt.false_alerts, while its ratios are undefined.
 * - A rule on a channel no device of the scenario measures: its episodes count in
 *   iomt.episodes_unobservable.
 * - A rule whose hold the scenario's devices on its channel surely sample only in episodes longer
 *   than the longest it draws (src/iomt/sampled-hold.ts: a once-a-minute wearable under the 5 s
 *   hr-high needs 124 s): whether it alarms one depends on where the readings fall, so its
 *   episodes count in iomt.episodes_undersampled, not in the within-target ratio.
 */
import { alertRulesOf } from '../iomt/alert-rules.ts';
import { DEVICE_KINDS, deviceProfiles, type DeviceKind } from '../iomt/profiles.ts';
import { surelyAlarmableUs } from '../iomt/sampled-hold.ts';
import { EPISODE_CHANNEL, EPISODE_KINDS, episodeKindOf, type EpisodeKind } from '../iomt/vitals.ts';
import { seconds } from './attack-notices.ts';
import { dottedPath } from './errors.ts';
import type { Scenario } from './schema.ts';

/** The field of `iomt.episodes` that sets each kind's rate (src/world/iomt.ts reads the same). */
const RATE_FIELD: Readonly<Record<EpisodeKind, 'desaturationPerHour' | 'tachycardiaPerHour'>> = { desaturation: 'desaturationPerHour', tachycardia: 'tachycardiaPerHour' };

/**
 * One sentence per rule of `scenario` that can alarm no episode, in the order the rules are listed,
 * each naming where the field came from (`locate`) and its path.
 */
export function alertRuleNotices(scenario: Scenario, locate: (path: readonly PropertyKey[]) => string): string[] {
  const iomt = scenario.iomt;
  if (iomt === undefined) return [];
  const stated = iomt.rules;
  // As the world draws them (src/world/iomt.ts): durationMax is taken as durationMin when smaller.
  const longestUs = Math.max(iomt.episodes.durationMin, iomt.episodes.durationMax);
  const notice = (path: readonly PropertyKey[], text: string): string => `${locate(path)}: ${dottedPath(path)}: ${text}`;
  const profiles = deviceProfiles(iomt.profiles);
  const kindsInUse = DEVICE_KINDS.filter((k: DeviceKind) => iomt.devicesPerBed[k] > 0);
  const notices: string[] = [];
  alertRulesOf(stated).forEach((rule, i) => {
    const kind = episodeKindOf(rule.channel);
    if (kind === undefined) {
      const modelled = EPISODE_KINDS.map((k) => `${EPISODE_CHANNEL[k]} (${k})`).join(', ');
      notices.push(notice(['iomt', 'rules', i, 'channel'], `rule '${rule.name}' watches ${rule.channel}, on which the model draws no clinical episodes (only on ${modelled}): no episode is its to alarm, so every alert it raises counts in iomt.false_alerts`));
      return;
    }
    const rateField = RATE_FIELD[kind];
    if (iomt.episodes[rateField] === 0) {
      notices.push(notice(['iomt', 'episodes', rateField], `rule '${rule.name}' watches ${rule.channel}, but the scenario draws no ${kind} (iomt.episodes.${rateField} is 0): no episode is its to alarm, so every alert it raises counts in iomt.false_alerts`));
      return;
    }
    // The default rules are written nowhere: the episodes' length is the field that makes them unable to alarm.
    const path = stated === undefined ? ['iomt', 'episodes', 'durationMax'] : ['iomt', 'rules', i, 'hold'];
    if (rule.holdUs >= longestUs) {
      notices.push(notice(path, `rule '${rule.name}' holds ${seconds(rule.holdUs)}, at least the longest ${kind} the scenario draws (iomt.episodes.durationMax, ${seconds(longestUs)}): it can never alarm one, and its episodes count in iomt.episodes_shorter_than_hold unless another rule on ${rule.channel} holds for them`));
      return;
    }
    const measuring = kindsInUse.filter((k) => profiles[k].channel === rule.channel);
    if (measuring.length === 0) {
      notices.push(notice(['iomt', 'devicesPerBed'], `rule '${rule.name}' watches ${rule.channel}, which no device of the scenario measures: it can alarm no ${kind}, and every one counts in iomt.episodes_unobservable`));
      return;
    }
    // As the world hands the collector each kind's reading times (src/iomt/world.ts).
    const neededUs = Math.min(...measuring.map((k) => {
      const p = profiles[k];
      return surelyAlarmableUs(rule.holdUs, { intervalUs: p.intervalUs, jitterUs: p.jitterUs, eventDriven: p.eventDriven, clockDriftPpm: iomt.clockDrift ? p.clockDriftPpm : 0 });
    }));
    if (neededUs <= longestUs) return;
    const sampling = measuring.map((k) => (profiles[k].eventDriven ? `${k}: at random times` : `${k}: every ${seconds(profiles[k].intervalUs)}`)).join(', ');
    const needs = neededUs === Infinity ? 'in no episode however long' : `only in a ${kind} of at least ${seconds(Math.ceil(neededUs))}`;
    notices.push(notice(path, `rule '${rule.name}' holds ${seconds(rule.holdUs)}, which the scenario's devices on ${rule.channel} (${sampling}) surely sample ${needs}, longer than the longest it draws (iomt.episodes.durationMax, ${seconds(longestUs)}): whether it alarms one depends on where the readings fall, and its episodes count in iomt.episodes_undersampled unless another rule on ${rule.channel} is surely sampled in them`));
  });
  return notices;
}
