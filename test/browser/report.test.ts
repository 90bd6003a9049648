/**
 * End to end: report.html opened from file:// in Debian's chromium, headless, driven by
 * playwright-core. The page must load with no console error and no request besides itself, and
 * every figure must be on screen with a non-zero size and visible text. A screenshot is kept in
 * .tmp/browser/ as a test artifact. CI installs chromium; a missing browser is a failure, not a skip.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeRunFixture } from '../../src/report/fixtures/results-fixture.ts';
import { writeReport } from '../../src/report/index.ts';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const ARTIFACT_DIR = resolve('.tmp/browser');

interface PageVisit {
  readonly consoleErrors: string[];
  readonly requests: string[];
  readonly figures: { name: string; width: number; height: number; visibleTexts: number; texts: string[] }[];
}

let context: BrowserContext | undefined;
let resultsDir = '';
let visit: PageVisit;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} not found: the browser test needs Debian's chromium (apt-get install chromium)`);
  }
  resultsDir = mkdtempSync(join(tmpdir(), 'iomtsim-browser-'));
  writeRunFixture(resultsDir, { durationS: 120 });
  await writeReport(resultsDir);
  // Playwright wants the profile folder as an argument rather than a --user-data-dir flag.
  context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'iomtsim-chromium-profile-')), {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: { width: 1280, height: 900 },
  });
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  const requests: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  context.on('request', (request) => requests.push(request.url()));
  const pageUrl = pathToFileURL(join(resultsDir, 'report.html')).href;
  await page.goto(pageUrl, { waitUntil: 'load' });
  const figures = await page.$$eval('figure.report-figure', (nodes) =>
    nodes.map((node) => {
      const svg = node.querySelector('svg');
      const box = svg?.getBoundingClientRect();
      const texts = [...(svg?.querySelectorAll('text') ?? [])].filter((t) => (t.textContent ?? '').trim() !== '');
      const visible = texts.filter((t) => {
        const r = t.getBoundingClientRect();
        const style = getComputedStyle(t);
        return r.width > 0 && r.height > 0 && style.visibility !== 'hidden' && style.display !== 'none' && style.opacity !== '0';
      });
      return {
        name: node.getAttribute('data-figure') ?? '',
        width: box?.width ?? 0,
        height: box?.height ?? 0,
        visibleTexts: visible.length,
        texts: visible.slice(0, 3).map((t) => t.textContent ?? ''),
      };
    }),
  );
  mkdirSync(ARTIFACT_DIR, { recursive: true });
  const screenshot = join(ARTIFACT_DIR, 'report.png');
  await page.screenshot({ path: screenshot, fullPage: true });
  console.log(`browser test screenshot: ${screenshot}`);
  visit = { consoleErrors, requests: requests.filter((url) => url !== pageUrl), figures };
}, 60_000);

afterAll(async () => {
  await context?.close();
});

describe('report.html in chromium', () => {
  it('logs no console error', () => {
    expect(visit.consoleErrors).toEqual([]);
  });

  it('makes no request besides the page itself', () => {
    expect(visit.requests).toEqual([]);
  });

  it('shows every figure with a non-zero size and visible text', () => {
    const onDisk = readdirSync(join(resultsDir, 'figures')).filter((f) => f.endsWith('.svg')).map((f) => f.slice(0, -4));
    expect(onDisk.length).toBeGreaterThan(10);
    expect(visit.figures.map((f) => f.name).sort()).toEqual(onDisk.sort());
    for (const figure of visit.figures) {
      expect(figure.width, figure.name).toBeGreaterThan(100);
      expect(figure.height, figure.name).toBeGreaterThan(100);
      expect(figure.visibleTexts, figure.name).toBeGreaterThan(3);
    }
  });
});
