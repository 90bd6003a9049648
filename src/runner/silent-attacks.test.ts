import { describe, expect, it } from 'vitest';
import type { Scenario } from '../scenario/index.ts';
import { silentAttackNotices } from './silent-attacks.ts';

const s = 1_000_000;
/** A scenario as the notices read it: its duration and attacks. */
const scenario = (attacks: readonly object[], duration = 180 * s) => ({ duration, attacks }) as unknown as Scenario;
const misuse = { type: 'consent-misuse', start: 60 * s, device: 0, mode: 'expired' };
const plain = (sc: Scenario) => [{ parameters: {}, scenario: sc }];
const record = (replication: number, attackLabels?: Record<string, number>, point = 0) => ({ point, replication, ...(attackLabels === undefined ? {} : { attackLabels }) });

describe('silentAttackNotices', () => {
  it('names an attack whose window opened but that recorded no ground truth, with its window and what it waits for', () => {
    expect(silentAttackNotices(plain(scenario([misuse])), [record(0, { 'consent-misuse': 0 })])).toEqual([
      "attacks.0 (consent-misuse) never acted in this run: it recorded no ground truth between its start (60 s) and the run's end (180 s); it waits for the patient's consent grant, submitted at its start, to commit, which never happened in time, so its outcome metrics count nothing it did",
    ]);
  });

  it('says nothing of an attack that recorded ground truth', () => {
    expect(silentAttackNotices(plain(scenario([misuse])), [record(0, { 'consent-misuse': 1 })])).toEqual([]);
  });

  it('counts the replications in which it recorded none, naming them', () => {
    const records = [record(0, { 'consent-misuse': 1 }), record(1, { 'consent-misuse': 0 }), record(2, { 'consent-misuse': 2 }), record(3, { 'consent-misuse': 0 })];
    expect(silentAttackNotices(plain(scenario([misuse])), records)[0]).toMatch(/^attacks\.0 \(consent-misuse\) never acted in 2 of 4 replications \(1 and 3\): /);
    expect(silentAttackNotices(plain(scenario([misuse])), [record(1, { 'consent-misuse': 0 }), record(0, { 'consent-misuse': 0 })])[0]).toMatch(/^attacks\.0 \(consent-misuse\) never acted in any of the 2 replications: /);
  });

  it('gives an attack that declares nothing it waits for a generic reason, and the end of its window when that comes first', () => {
    const notices = silentAttackNotices(plain(scenario([{ type: 'plugin-attack', start: 2 * s, end: 5 * s }], 10 * s)), [record(0, { 'plugin-attack': 0 })]);
    expect(notices).toEqual([
      'attacks.0 (plugin-attack) never acted in this run: it recorded no ground truth between its start (2 s) and its end (5 s); whatever it waits for to act on never came in time, so its outcome metrics count nothing it did',
    ]);
  });

  it('leaves out an attack whose window opens at the end (said before the run) and replications that record no labels', () => {
    const late = { ...misuse, start: 180 * s };
    expect(silentAttackNotices(plain(scenario([late])), [record(0, { 'consent-misuse': 0 })])).toEqual([]);
    expect(silentAttackNotices(plain(scenario([misuse])), [record(0)])).toEqual([]);
  });

  it('names the sweep point of each notice', () => {
    const points = [5, 4].map((n) => ({ parameters: { 'consensus.nodes': n }, scenario: scenario([misuse]) }));
    const notices = silentAttackNotices(points, [record(0, { 'consent-misuse': 1 }, 0), record(0, { 'consent-misuse': 0 }, 1)]);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/^at consensus\.nodes=4: attacks\.0 \(consent-misuse\) never acted in this run: /);
  });
});
