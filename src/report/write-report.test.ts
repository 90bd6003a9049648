import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { writeRunFixture, writeSweepFixture } from './fixtures/results-fixture.ts';
import { tempResultsDir } from './fixtures/temp-dir.ts';
import { reportCommand, writeReport } from './index.ts';

/** Each entry of `dir` with its content ('a directory' for one). */
function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir, { recursive: true }).map(String).sort().map((name) => {
    const path = join(dir, name);
    return [name, statSync(path).isDirectory() ? 'a directory' : readFileSync(path).toString('base64')];
  }));
}

describe('writeReport', () => {
  it('writes report.html, report.md and each figure as svg, png, vl.json and data.json', async () => {
    const dir = tempResultsDir('write');
    writeRunFixture(dir, { durationS: 10 });
    await writeReport(dir);
    const files = readdirSync(join(dir, 'figures'));
    const stems = new Set(files.map((f) => f.replace(/\.(svg|png|vl\.json|data\.json)$/, '')));
    expect(stems.size).toBe(10);
    for (const stem of stems) {
      for (const ext of ['svg', 'png', 'vl.json', 'data.json']) expect(files).toContain(`${stem}.${ext}`);
      const spec = JSON.parse(readFileSync(join(dir, 'figures', `${stem}.vl.json`), 'utf8'));
      expect(spec.data).toEqual({ url: `${stem}.data.json` });
    }
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(html.match(/<figure class="report-figure"/g)).toHaveLength(10);
    expect(html).toContain('consensus.throughput_tps');
    expect(html).toContain('Content-Security-Policy');
    const markdown = readFileSync(join(dir, 'report.md'), 'utf8');
    expect(markdown).toContain('| `consensus.throughput_tps` | tx/s |');
    expect(markdown).toContain('All 2 checks passed');
    expect(markdown).toContain('![Committed throughput over time](figures/throughput-over-time.png)');
  });

  it("shows the sequence chart iomtsim trace wrote into the results folder, and no timeline without one", async () => {
    const dir = tempResultsDir('timeline');
    writeRunFixture(dir, { durationS: 5 });
    await writeReport(dir);
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).not.toContain('id="timeline"');
    mkdirSync(join(dir, 'trace'));
    writeFileSync(join(dir, 'trace', 'sequence.svg'), '<svg xmlns="http://www.w3.org/2000/svg"><line class="message"/></svg>');
    await writeReport(dir);
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toMatch(/<section id="timeline">[\s\S]*<line class="message"\/>/);
    expect(readFileSync(join(dir, 'report.md'), 'utf8')).toContain('![The first decisions](trace/sequence.svg)');
  });

  it('refuses a directory in place of the sequence chart, writing nothing', async () => {
    const dir = tempResultsDir('timeline-directory');
    writeRunFixture(dir, { durationS: 5 });
    mkdirSync(join(dir, 'trace', 'sequence.svg'), { recursive: true });
    await expect(writeReport(dir)).rejects.toThrow(`${join(dir, 'trace', 'sequence.svg')}: (file): expected a file, found a directory`);
    expect(existsSync(join(dir, 'report.html'))).toBe(false);
    expect(existsSync(join(dir, 'figures'))).toBe(false);
  });

  it.each(['report.html', 'report.md', join('figures', 'throughput-over-time.png')])('refuses a directory named %s before writing any file, the folder left as it was', async (name) => {
    const dir = tempResultsDir('destination');
    writeRunFixture(dir, { durationS: 5 });
    mkdirSync(join(dir, name), { recursive: true });
    const before = snapshot(dir);
    await expect(writeReport(dir)).rejects.toThrow(`${join(dir, name)}: (file): expected a file path iomtsim can write to, found a directory`);
    expect(snapshot(dir)).toEqual(before);
  });

  it('shows no confidence interval at n = 1 and says why', async () => {
    const dir = tempResultsDir('single');
    writeRunFixture(dir, { durationS: 5, replications: 1 });
    await writeReport(dir);
    const markdown = readFileSync(join(dir, 'report.md'), 'utf8');
    expect(markdown).toContain('no confidence interval at n = 1');
    expect(markdown).not.toMatch(/\d \[[^\]]*, [^\]]*\]/);
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toContain('no confidence interval at n = 1');
  });

  it('makes no reference to anything outside the file', async () => {
    const dir = tempResultsDir('offline');
    writeSweepFixture(dir, { durationS: 5 });
    await writeReport(dir);
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(/i);
    expect(html).not.toMatch(/\s(src|href)="(https?:)?\/\//i);
  });

  it('removes figure files that no longer apply when re-rendered', async () => {
    const dir = tempResultsDir('rerender');
    writeRunFixture(dir, { durationS: 5 });
    await writeReport(dir);
    expect(existsSync(join(dir, 'figures', 'alert-latency-vs-target.png'))).toBe(true);
    writeRunFixture(dir, { durationS: 5, fullMetrics: false });
    await writeReport(dir);
    expect(existsSync(join(dir, 'figures', 'alert-latency-vs-target.png'))).toBe(false);
    expect(existsSync(join(dir, 'figures', 'throughput-over-time.png'))).toBe(true);
  });

  it('leaves a directory named like an earlier figure file alone when re-rendering, rather than failing after the report is written', async () => {
    const dir = tempResultsDir('rerender-directory');
    writeRunFixture(dir, { durationS: 5 });
    await writeReport(dir);
    mkdirSync(join(dir, 'figures', 'gone.svg'));
    writeFileSync(join(dir, 'figures', 'gone.png'), 'an earlier figure');
    await writeReport(dir);
    expect(statSync(join(dir, 'figures', 'gone.svg')).isDirectory()).toBe(true);
    expect(existsSync(join(dir, 'figures', 'gone.png'))).toBe(false);
  });

  it('still writes HTML, Markdown and SVG without the fonts, and says the PNGs were skipped', async () => {
    const dir = tempResultsDir('nofonts');
    writeRunFixture(dir, { durationS: 2 });
    vi.stubEnv('IOMTSIM_FONT_DIR', tempResultsDir('empty-fonts'));
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      await writeReport(dir);
    } finally {
      stderr.mockRestore();
      vi.unstubAllEnvs();
    }
    const files = readdirSync(join(dir, 'figures'));
    expect(files.filter((f) => f.endsWith('.svg')).length).toBeGreaterThan(5);
    expect(files.filter((f) => f.endsWith('.png'))).toEqual([]);
    expect(readFileSync(join(dir, 'report.md'), 'utf8')).toContain('PNG figures were not drawn');
  });

  it("puts a size search's answer, its SLOs and every probe's verdict first in report.html and report.md", async () => {
    const dir = tempResultsDir('size');
    writeSweepFixture(dir, { durationS: 2 });
    const slo = 'consensus.throughput_tps >= 30';
    const probe = (value: number, point: number, passed: boolean) => ({ value, point, passed, slos: [{ slo, observed: 100 / (value / 4), passed }] });
    for (const file of ['manifest.json', 'summary.json']) {
      const data = JSON.parse(readFileSync(join(dir, file), 'utf8'));
      const size = { key: 'consensus.nodes', lo: 4, hi: 13, goal: 'largest', slos: [slo], answer: 10, explanation: '10 meets every SLO and 13 does not', probes: [probe(4, 0, true), probe(13, 3, false), probe(7, 1, true), probe(10, 2, true)] };
      writeFileSync(join(dir, file), JSON.stringify(file === 'manifest.json' ? { ...data, kind: 'size' } : { ...data, size }));
    }
    await writeReport(dir);
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(html.indexOf('<section id="size">')).toBeGreaterThan(0);
    expect(html.indexOf('<section id="size">')).toBeLessThan(html.indexOf('<section id="headline">'));
    expect(html).toContain('consensus.nodes = 10 (10 meets every SLO and 13 does not)');
    const markdown = readFileSync(join(dir, 'report.md'), 'utf8');
    expect(markdown.indexOf('## Size search')).toBeLessThan(markdown.indexOf('## Headline'));
    expect(markdown).toContain('**Answer:** ✅ consensus.nodes = 10 (10 meets every SLO and 13 does not)');
    expect(markdown).toContain(`| \`consensus.nodes\` | replications | verdict | \`${slo}\` |`);
    expect(markdown).toContain('| 10 | 3 | meets: the answer | 40 ok |\n| 13 | 3 | **misses** | 30.77 FAIL |');
  });

  it('renders a run still in progress, with no finished point, under a warning banner', async () => {
    const dir = tempResultsDir('running');
    writeRunFixture(dir, { durationS: 2 });
    for (const file of ['manifest.json', 'summary.json']) {
      const data = JSON.parse(readFileSync(join(dir, file), 'utf8'));
      writeFileSync(join(dir, file), JSON.stringify({ ...data, status: 'running', ...(file === 'summary.json' ? { points: [] } : {}) }));
    }
    writeFileSync(join(dir, 'replications.jsonl'), '');
    rmSync(join(dir, 'timeseries.csv'));
    await writeReport(dir);
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(html).toContain('This run is running');
    expect(html).toContain('No figure applies');
  });
});

describe('reportCommand', () => {
  it('exits 2 with file, field, expected and found, writing nothing, for a malformed folder', async () => {
    const dir = tempResultsDir('bad');
    writeRunFixture(dir, { durationS: 5 });
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ ...manifest, replications: -1 }));
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const code = await reportCommand(dir);
    const message = String(stderr.mock.calls[0]?.[0]);
    stderr.mockRestore();
    expect(code).toBe(2);
    expect(message).toContain(join(dir, 'manifest.json'));
    expect(message).toContain('replications');
    expect(message).toContain('found -1');
    expect(existsSync(join(dir, 'report.html'))).toBe(false);
    expect(existsSync(join(dir, 'figures'))).toBe(false);
  });

  it('exits 2 for a folder without results', async () => {
    const dir = tempResultsDir('empty');
    rmSync(dir, { recursive: true });
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const code = await reportCommand(dir);
    stderr.mockRestore();
    expect(code).toBe(2);
  });
});
