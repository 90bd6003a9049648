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
 */
import { alertRulesOf } from '../iomt/alert-rules.ts';
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
    if (rule.holdUs < longestUs) return;
    // The default rules are written nowhere: the episodes' length is the field that makes them unable to alarm.
    const path = stated === undefined ? ['iomt', 'episodes', 'durationMax'] : ['iomt', 'rules', i, 'hold'];
    notices.push(notice(path, `rule '${rule.name}' holds ${seconds(rule.holdUs)}, at least the longest ${kind} the scenario draws (iomt.episodes.durationMax, ${seconds(longestUs)}): it can never alarm one, and its episodes count in iomt.episodes_shorter_than_hold unless another rule on ${rule.channel} holds for them`));
  });
  return notices;
}
