/**
 * End to end: report.html opened from file:// in headless Chromium (the machine's own, else the one
 * the @sparticuz/chromium package ships: ./browser.ts), driven by playwright-core. The page must
 * load with no console error and no request besides itself, and every figure must be on screen
 * with a non-zero size and visible text. A screenshot is kept in .tmp/browser/ as a test artifact.
 * Where a browser could run, failing to start one is a failure, not a skip; only a platform with no
 * installed Chrome and no bundled build (a Mac without Chrome) skips, saying so.
 */
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseBrowser, isBrowser } from './browser.ts';
import { writeRunFixture } from '../../src/report/fixtures/results-fixture.ts';
import { writeReport } from '../../src/report/index.ts';
import { cli } from '../e2e/cli.ts';

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
  readonly figures: { name: string; width: number; height: number; visibleTexts: number }[];
  /** Ids of the page's sections, in order. */
  readonly sectionIds: string[];
  /** The headline's lines as shown: verdict and text, and whether each is on screen. */
  readonly headline: { verdict: string; text: string; visible: boolean }[];
}

// The page function in visitPage runs in the browser. The project compiles without the DOM library
// (it would let browser globals slip into src/ unnoticed), so the one global it calls is declared here.
declare function getComputedStyle(element: unknown): { readonly visibility: string; readonly display: string; readonly opacity: string };

const browser = await chooseBrowser();
if (!isBrowser(browser)) console.warn(`browser test skipped: ${browser.unavailable}`);
const describeInBrowser = isBrowser(browser) ? describe : describe.skip;

let context: BrowserContext | undefined;
let resultsDir = '';
let visit: PageVisit;
let hospitalVisit: PageVisit;

beforeAll(async () => {
  if (!isBrowser(browser)) return;
  console.log(`browser test: ${browser.source} browser ${browser.executablePath}`);
  resultsDir = mkdtempSync(join(tmpdir(), 'iomtsim-browser-'));
  writeRunFixture(resultsDir, { durationS: 120 });
  await writeReport(resultsDir);
  // Playwright wants the profile folder as an argument rather than a --user-data-dir flag.
  context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'iomtsim-chromium-profile-')), {
    executablePath: browser.executablePath,
    headless: true,
    args: CHROMIUM_FLAGS,
    env: { ...process.env, ...browser.env },
    viewport: { width: 1280, height: 900 },
  });
  visit = await visitPage(context, join(resultsDir, 'report.html'), join(ARTIFACT_DIR, 'report.png'));
  console.log(`browser test screenshot: ${join(ARTIFACT_DIR, 'report.png')}`);
  // A real run of the bundled hospital, shortened to 4 simulated minutes (2 after the warm-up).
  const hospitalDir = mkdtempSync(join(tmpdir(), 'iomtsim-browser-hospital-'));
  const run = await cli(['run', 'scenarios/hospital.yaml', '--set', 'duration=4m', '--out', hospitalDir]);
  if (run.code !== 0) throw new Error(`iomtsim run scenarios/hospital.yaml exited ${run.code}: ${run.stderr}`);
  hospitalVisit = await visitPage(context, join(hospitalDir, 'report.html'), join(ARTIFACT_DIR, 'hospital.png'));
  console.log(`browser test screenshot: ${join(ARTIFACT_DIR, 'hospital.png')}`);
}, 120_000);

/** Opens `htmlPath` from file:// and records console errors, requests, and what each figure shows. */
async function visitPage(browser: BrowserContext, htmlPath: string, screenshotPath: string): Promise<PageVisit> {
  const page = await browser.newPage();
  const consoleErrors: string[] = [];
  const requests: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  page.on('request', (request) => requests.push(request.url()));
  const pageUrl = pathToFileURL(htmlPath).href;
  await page.goto(pageUrl, { waitUntil: 'load' });
  await page.waitForLoadState('networkidle');
  const figures = await page.$$eval('figure.report-figure', (nodes): PageVisit['figures'] =>
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
      };
    }),
  );
  const sectionIds = await page.$$eval('section', (nodes) => nodes.map((node) => node.id));
  const headline = await page.$$eval('#headline li', (nodes): PageVisit['headline'] =>
    nodes.map((node) => {
      const r = node.getBoundingClientRect();
      return { verdict: node.getAttribute('data-verdict') ?? '', text: node.textContent ?? '', visible: r.width > 0 && r.height > 0 };
    }),
  );
  mkdirSync(ARTIFACT_DIR, { recursive: true });
  await page.screenshot({ path: screenshotPath, fullPage: true });
  await page.close();
  return { consoleErrors, requests: requests.filter((url) => url !== pageUrl), figures, sectionIds, headline };
}

afterAll(async () => {
  await context?.close();
});

describeInBrowser('the browser harness', () => {
  it('sees a console error and a network request when a page makes them', async () => {
    if (context === undefined) throw new Error('chromium did not start');
    const dir = mkdtempSync(join(tmpdir(), 'iomtsim-browser-probe-'));
    const probe = join(dir, 'probe.html');
    writeFileSync(probe, "<!DOCTYPE html><title>probe</title><script>console.error('probe error'); fetch('http://127.0.0.1:9/probe').catch(() => {});</script>");
    const probeVisit = await visitPage(context, probe, join(ARTIFACT_DIR, 'probe.png'));
    expect(probeVisit.consoleErrors).toContain('probe error');
    expect(probeVisit.requests).toContain('http://127.0.0.1:9/probe');
  });
});

describeInBrowser('report.html in chromium', () => {
  it('logs no console error', () => {
    expect(visit.consoleErrors).toEqual([]);
  });

  it('makes no request besides the page itself', () => {
    expect(visit.requests).toEqual([]);
  });

  it('opens with the headline: sentences with their numbers and verdicts, on screen', () => {
    expect(visit.sectionIds[0]).toBe('headline');
    expect(visit.headline.length).toBeGreaterThanOrEqual(5);
    for (const line of visit.headline) {
      expect(['pass', 'fail', 'miss', 'none', 'unjudged']).toContain(line.verdict);
      expect(line.text, line.text).toMatch(/\d/);
      expect(line.visible, line.text).toBe(true);
    }
    expect(visit.headline.some((line) => line.text.includes('Throughput.'))).toBe(true);
  });

  it('shows every figure with a non-zero size and visible text', () => {
    const onDisk = readdirSync(join(resultsDir, 'figures')).filter((f) => f.endsWith('.svg')).map((f) => f.slice(0, -4));
    expect(onDisk.length).toBeGreaterThanOrEqual(10);
    expect(visit.figures.map((f) => f.name).sort()).toEqual(onDisk.sort());
    for (const figure of visit.figures) {
      expect(figure.width, figure.name).toBeGreaterThan(100);
      expect(figure.height, figure.name).toBeGreaterThan(100);
      expect(figure.visibleTexts, figure.name).toBeGreaterThan(3);
    }
  });
});

describeInBrowser("hospital.yaml's report in chromium", () => {
  it('logs no console error and makes no request besides the page itself', () => {
    expect(hospitalVisit.consoleErrors).toEqual([]);
    expect(hospitalVisit.requests).toEqual([]);
  });

  it('opens with the headline, every line on screen with its number', () => {
    expect(hospitalVisit.sectionIds[0]).toBe('headline');
    expect(hospitalVisit.headline.length).toBeGreaterThanOrEqual(10);
    for (const line of hospitalVisit.headline) {
      expect(line.text, line.text).toMatch(/\d/);
      expect(line.visible, line.text).toBe(true);
    }
    for (const topic of ['Readings stored.', 'Direct path.', 'Integrity.', 'Audit.']) expect(hospitalVisit.headline.some((line) => line.text.includes(topic)), topic).toBe(true);
  });

  it('shows every figure with a non-zero size and visible text', () => {
    expect(hospitalVisit.figures.length).toBeGreaterThan(0);
    for (const figure of hospitalVisit.figures) {
      expect(figure.width, figure.name).toBeGreaterThan(100);
      expect(figure.visibleTexts, figure.name).toBeGreaterThan(3);
    }
  });
});
