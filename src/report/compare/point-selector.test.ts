/** Two points of one sweep compared: picked by their parameters, paired by the seeds they share. */
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeRunFixture, writeSweepFixture } from '../fixtures/results-fixture.ts';
import { tempResultsDir } from '../fixtures/temp-dir.ts';
import { ResultsError } from '../errors.ts';
import { compareCommand } from '../index.ts';
import { loadResults } from '../results/load.ts';
import { refusalOf } from '../../scenario/testing/input-issue.ts';
import { compareResults } from './compare.ts';
import { parsePointSelector, selectPoint } from './point-selector.ts';
import { defaultCompareDir } from './write-compare.ts';

const at = (text: string) => parsePointSelector(`--a-point ${text}`, text)!;

function sweep(): string {
  const dir = tempResultsDir('points');
  writeSweepFixture(dir, { durationS: 2 });
  return dir;
}

describe('parsePointSelector', () => {
  it('reads key=value pairs joined by commas, and refuses text that names no parameter', () => {
    expect(parsePointSelector('--a-point', 'consensus.nodes=4,workload.rateTps=500')!.parameters).toEqual({ 'consensus.nodes': '4', 'workload.rateTps': '500' });
    for (const bad of ['', 'consensus.nodes', '=4', 'a=1,a=2', 'a=1,']) expect(parsePointSelector('--a-point', bad), bad).toBeUndefined();
  });
});

describe('selectPoint', () => {
  it('picks the one point with every parameter named, and refuses none or several, naming the points', () => {
    const folder = loadResults(sweep());
    expect(selectPoint(folder, at('consensus.nodes=10'), 'a')).toBe(2);
    expect(() => selectPoint(folder, at('consensus.nodes=5'), 'a')).toThrow(/points\[\]\.parameters: expected exactly one point with --a-point consensus\.nodes=5, found none among consensus\.nodes=4; consensus\.nodes=7; consensus\.nodes=10; consensus\.nodes=13/);
    expect(() => selectPoint(folder, undefined, 'b')).toThrow(ResultsError);
    expect(() => selectPoint(folder, undefined, 'b')).toThrow(/expected one point, or --b-point naming one of its 4/);
  });
});

describe('compare two points of one sweep', () => {
  it('pairs them by the seeds they share and labels the difference with both', () => {
    const folder = loadResults(sweep());
    const c = compareResults(folder, folder, { points: { a: at('consensus.nodes=4'), b: at('consensus.nodes=13') } });
    expect(c.test).toBe('paired');
    expect(c.seeds).toMatchObject({ shared: 3, onlyA: 0, onlyB: 0 });
    expect(c.unmatched).toEqual([]);
    const labels = new Set(c.differences.map((d) => d.pointLabel));
    expect([...labels]).toEqual(['consensus.nodes=4 vs consensus.nodes=13']);
    // The fixture's load grows with the nodes: B's throughput differs from A's in every pair.
    const throughput = c.differences.find((d) => d.metric === 'consensus.throughput_tps')!;
    expect(throughput.meanB).not.toBe(throughput.meanA);
    expect(throughput.nA).toBe(3);
  });

  it('without points compares a folder with itself point by point, every metric identical', () => {
    const folder = loadResults(sweep());
    const c = compareResults(folder, folder);
    expect(new Set(c.differences.map((d) => d.verdict))).toEqual(new Set(['identical']));
  });

  it('writes the comparison in a default folder named by both points, so two comparisons of one sweep do not share one', async () => {
    const dir = sweep();
    const out = defaultCompareDir(dir, dir, { a: at('consensus.nodes=4'), b: parsePointSelector('--b-point consensus.nodes=7', 'consensus.nodes=7') });
    expect(basename(out)).toBe(`compare-${basename(dir)}@consensus.nodes=4-vs-${basename(dir)}@consensus.nodes=7`);
    const code = await compareCommand(dir, dir, { aPoint: 'consensus.nodes=4', bPoint: 'consensus.nodes=7', json: true });
    expect([0, 1]).toContain(code);
    expect(existsSync(join(out, 'comparison.json'))).toBe(true);
  });

  it('refuses a malformed --a-point before reading anything, naming the flag', async () => {
    const dir = tempResultsDir('points-run');
    writeRunFixture(dir, { durationS: 2 });
    const issue = await refusalOf(() => compareCommand(dir, dir, { aPoint: 'nodes' }));
    expect(issue).toEqual({ source: '--a-point nodes', path: '(flag)', expected: expect.stringContaining('key=value'), found: "'nodes'" });
  });
});
