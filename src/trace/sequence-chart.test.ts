import { describe, expect, it } from 'vitest';
import { chartArrows, sequenceChartSvg, type SequenceChartInput } from './sequence-chart.ts';
import type { CommitMark, Flow } from './recorder.ts';

/** Two replicas exchanging `count` messages 1 ms apart, each taking 0.5 ms; both commit height 1 after the last. */
function exchange(count: number): SequenceChartInput {
  const flows: Flow[] = Array.from({ length: count }, (_, i) => ({ id: i, from: i % 2, to: 1 - (i % 2), name: 'vote', sizeBytes: 100, sentUs: i * 1000, departUs: i * 1000, deliverUs: i * 1000 + 500, kept: true, receiverKept: true }));
  const commits: CommitMark[] = [
    { host: 0, timeUs: 100, height: 0 },
    { host: 0, timeUs: count * 1000, height: 1 },
    { host: 1, timeUs: count * 1000, height: 1 },
  ];
  return { lanes: [{ host: 0, label: 'replica 0' }, { host: 1, label: 'replica 1' }], flows, commits, decisions: 2, fromUs: 0, toUs: (count + 1) * 1000 };
}

describe('the sequence chart', () => {
  it('draws every message between replicas, and says nothing of a limit, when they are few', () => {
    const chart = chartArrows(exchange(10));
    expect(chart.arrows).toHaveLength(10);
    expect(chart.messages).toBe(10);
    expect(sequenceChartSvg(exchange(10), 't')).not.toContain('are drawn');
    expect(sequenceChartSvg(exchange(10), 't')).not.toContain('class="shortfall"');
  });

  it('says when the window holds fewer decisions than asked for, none included, on the axis of the window', () => {
    const three = sequenceChartSvg({ ...exchange(10), decisions: 3 }, 't');
    expect(three).toContain('2 of the 3 decisions asked for committed in the traced window (0.000-11.000 ms)');
    const empty = sequenceChartSvg({ ...exchange(0), commits: [], fromUs: 1_000_000, toUs: 3_000_000 }, 't');
    expect(empty).toContain('no decision committed in the traced window (1000.000-3000.000 ms)');
    expect(empty).toContain('>1000.000 ms</text>');
  });

  it('says how many of how many messages it draws when there are more than it can, and shows only the commits those reach', () => {
    const chart = chartArrows(exchange(1000));
    expect(chart.arrows).toHaveLength(400);
    expect(chart.messages).toBe(1000);
    expect(chart.commits.map((c) => c.height)).toEqual([0]);
    expect(sequenceChartSvg(exchange(1000), 't')).toContain('the first 400 of 1000 messages between replicas are drawn');
  });

  it('says in its title which heights it shows and from when: a window that starts late shows later decisions than the first', () => {
    const late = { ...exchange(10), commits: [17, 18, 19, 20].flatMap((height) => [0, 1].map((host) => ({ host, timeUs: 1_000_000 + height * 1000, height }))), decisions: 3, fromUs: 1_000_000 };
    expect(sequenceChartSvg(late, 'pbft, PBFT, seed 1')).toContain('>pbft, PBFT, seed 1: the first 3 decisions from 1 s (heights 17-19)</text>');
  });
});
