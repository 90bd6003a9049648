/**
 * The font files the PNG rasteriser and the text measurer use. resvg draws no text without fonts
 * and system font discovery differs between machines, so the report names its files explicitly:
 * DejaVu Sans from the npm package dejavu-fonts-ttf, a dependency, so that `npm ci` is all a
 * machine needs and every machine draws the same pixels. Debian's fonts-dejavu-core folders are a
 * fallback for an install without that package. IOMTSIM_FONT_DIR overrides the search.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export const REGULAR_FONT_FILE = 'DejaVuSans.ttf';
export const BOLD_FONT_FILE = 'DejaVuSans-Bold.ttf';

const SYSTEM_FONT_DIRS = [
  '/usr/share/fonts/truetype/dejavu',
  '/usr/share/fonts/dejavu',
  '/usr/share/fonts/TTF',
  '/usr/share/fonts/dejavu-sans-fonts',
];

export interface ReportFonts {
  readonly regularPath: string;
  readonly boldPath: string;
}

/** The ttf/ folder of the installed dejavu-fonts-ttf package, or null when it is not installed. */
export function packageFontDir(): string | null {
  try {
    return join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
  } catch {
    return null;
  }
}

function fontDirs(env: NodeJS.ProcessEnv): string[] {
  const override = env['IOMTSIM_FONT_DIR'];
  if (override !== undefined) return [override];
  const bundled = packageFontDir();
  return bundled === null ? SYSTEM_FONT_DIRS : [bundled, ...SYSTEM_FONT_DIRS];
}

/** The DejaVu Sans files, or the folders searched when none holds them. */
export function findReportFonts(env: NodeJS.ProcessEnv = process.env): ReportFonts | { missing: string } {
  const dirs = fontDirs(env);
  for (const dir of dirs) {
    const regularPath = join(dir, REGULAR_FONT_FILE);
    const boldPath = join(dir, BOLD_FONT_FILE);
    if (existsSync(regularPath) && existsSync(boldPath)) return { regularPath, boldPath };
  }
  return {
    missing: `${REGULAR_FONT_FILE} and ${BOLD_FONT_FILE} not found in ${dirs.join(', ')} (run npm ci, which installs dejavu-fonts-ttf, or set IOMTSIM_FONT_DIR)`,
  };
}

export function hasFonts(fonts: ReportFonts | { missing: string }): fonts is ReportFonts {
  return !('missing' in fonts);
}
