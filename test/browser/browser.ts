/**
 * Which Chromium the browser test drives. A machine's own Chromium or Chrome is used when there is
 * one; otherwise the headless Chromium that the npm package @sparticuz/chromium (a dev dependency)
 * carries, so that `npm ci && npm test` needs nothing from apt. Its binary is statically linked
 * (it needs only libc, libgcc and libexpat), ships brotli-compressed, and is unpacked here on first
 * use; the package has no install script, so npm's install-script policy does not matter. Its text
 * is set in DejaVu Sans from the dejavu-fonts-ttf package through a fonts.conf of our own, so the
 * page needs no system fonts either.
 *
 * IOMTSIM_BROWSER picks: `system` (fail without one), `bundled` (ignore any system browser: the CI
 * step that proves the no-apt path), or unset/`auto`.
 */
import { createReadStream, createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createBrotliDecompress } from 'node:zlib';
import { packageFontDir } from '../../src/report/render/fonts.ts';

export interface BrowserChoice {
  readonly source: 'system' | 'bundled';
  readonly executablePath: string;
  /** Environment for the browser process (the bundled one is pointed at its fonts.conf). */
  readonly env: Record<string, string>;
}

/** Why no browser can run here, for a test that must then be skipped rather than fail. */
export interface NoBrowser {
  readonly unavailable: string;
}

const SYSTEM_BROWSERS: Readonly<Record<string, readonly string[]>> = {
  linux: ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'],
  darwin: ['/Applications/Google Chrome.app/Contents/MacOS/Google Chrome', '/Applications/Chromium.app/Contents/MacOS/Chromium'],
};

/** @sparticuz/chromium ships one x86-64 Linux build. */
const BUNDLED_PLATFORM = 'linux-x64';

const GENERIC_FAMILIES = [
  ['sans-serif', 'DejaVu Sans'],
  ['serif', 'DejaVu Serif'],
  ['monospace', 'DejaVu Sans Mono'],
] as const;

type BrowserMode = 'auto' | 'system' | 'bundled';

function browserMode(env: NodeJS.ProcessEnv): BrowserMode {
  const mode = env['IOMTSIM_BROWSER'] ?? 'auto';
  if (mode === 'auto' || mode === 'system' || mode === 'bundled') return mode;
  throw new Error(`IOMTSIM_BROWSER=${mode}: expected auto, system or bundled`);
}

function systemBrowser(): string | undefined {
  return (SYSTEM_BROWSERS[process.platform] ?? []).find((path) => existsSync(path));
}

function bundledPackageDir(): string | null {
  try {
    // Its exports map hides package.json; its entry point is build/index.js.
    return resolve(dirname(createRequire(import.meta.url).resolve('@sparticuz/chromium')), '..');
  } catch {
    return null;
  }
}

/** The browser to launch, unpacking the bundled one if it is the one chosen. */
export async function chooseBrowser(env: NodeJS.ProcessEnv = process.env): Promise<BrowserChoice | NoBrowser> {
  const mode = browserMode(env);
  const system = mode === 'bundled' ? undefined : systemBrowser();
  if (system !== undefined) return { source: 'system', executablePath: system, env: {} };
  if (mode === 'system') throw new Error(`IOMTSIM_BROWSER=system but none of ${(SYSTEM_BROWSERS[process.platform] ?? []).join(', ')} exists`);
  const platform = `${process.platform}-${process.arch}`;
  if (platform !== BUNDLED_PLATFORM) {
    return { unavailable: `no Chrome or Chromium installed, and @sparticuz/chromium has no ${platform} build` };
  }
  const packageDir = bundledPackageDir();
  if (packageDir === null) throw new Error('@sparticuz/chromium is not installed: run npm ci');
  return unpackBundled(packageDir);
}

/** Unpacks chromium.br once per package version into node_modules/.cache; later runs reuse it. */
async function unpackBundled(packageDir: string): Promise<BrowserChoice> {
  const version = (JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { version: string }).version;
  const cacheDir = resolve(packageDir, '..', '..', '.cache', 'iomtsim-browser', `sparticuz-chromium-${version}`);
  const executablePath = join(cacheDir, 'chromium');
  mkdirSync(cacheDir, { recursive: true });
  if (!existsSync(executablePath)) {
    // Unpack beside it and rename: a run killed half-way, or two test processes at once, never
    // leave a truncated binary under the final name.
    const partial = `${executablePath}.${process.pid}.partial`;
    await pipeline(createReadStream(join(packageDir, 'bin', 'chromium.br')), createBrotliDecompress(), createWriteStream(partial, { mode: 0o755 }));
    renameSync(partial, executablePath);
  }
  const fontDir = packageFontDir();
  if (fontDir === null) throw new Error('dejavu-fonts-ttf is not installed: run npm ci');
  const fontsConf = join(cacheDir, 'fonts.conf');
  writeFileSync(
    fontsConf,
    [
      '<?xml version="1.0"?>',
      '<!DOCTYPE fontconfig SYSTEM "fonts.dtd">',
      '<fontconfig>',
      `  <dir>${xmlText(fontDir)}</dir>`,
      `  <cachedir>${xmlText(join(cacheDir, 'fontconfig'))}</cachedir>`,
      // Without a system fonts.conf no generic family is defined; map each to its DejaVu face.
      ...GENERIC_FAMILIES.map(([generic, face]) => `  <alias><family>${generic}</family><prefer><family>${face}</family></prefer></alias>`),
      '</fontconfig>',
      '',
    ].join('\n'),
  );
  return { source: 'bundled', executablePath, env: { FONTCONFIG_FILE: fontsConf } };
}

function xmlText(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

export function isBrowser(choice: BrowserChoice | NoBrowser): choice is BrowserChoice {
  return !('unavailable' in choice);
}
