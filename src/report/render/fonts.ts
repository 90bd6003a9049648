/**
 * The font files the PNG rasteriser and the text measurer use. resvg draws no text without fonts
 * and system font discovery differs between machines, so the report names its files explicitly:
 * DejaVu Sans (Debian package fonts-dejavu-core). IOMTSIM_FONT_DIR overrides the search.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const REGULAR_FONT_FILE = 'DejaVuSans.ttf';
export const BOLD_FONT_FILE = 'DejaVuSans-Bold.ttf';

const FONT_DIRS = [
  '/usr/share/fonts/truetype/dejavu',
  '/usr/share/fonts/dejavu',
  '/usr/share/fonts/TTF',
  '/usr/share/fonts/dejavu-sans-fonts',
];

export interface ReportFonts {
  readonly regularPath: string;
  readonly boldPath: string;
}

/** The DejaVu Sans files, or null with the folders searched when they are not installed. */
export function findReportFonts(env: NodeJS.ProcessEnv = process.env): ReportFonts | { missing: string } {
  const dirs = env['IOMTSIM_FONT_DIR'] === undefined ? FONT_DIRS : [env['IOMTSIM_FONT_DIR']];
  for (const dir of dirs) {
    const regularPath = join(dir, REGULAR_FONT_FILE);
    const boldPath = join(dir, BOLD_FONT_FILE);
    if (existsSync(regularPath) && existsSync(boldPath)) return { regularPath, boldPath };
  }
  return {
    missing: `${REGULAR_FONT_FILE} and ${BOLD_FONT_FILE} not found in ${dirs.join(', ')} (install fonts-dejavu-core or set IOMTSIM_FONT_DIR)`,
  };
}

export function hasFonts(fonts: ReportFonts | { missing: string }): fonts is ReportFonts {
  return !('missing' in fonts);
}
