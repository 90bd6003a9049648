import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findReportFonts, packageFontDir } from './fonts.ts';

describe('findReportFonts', () => {
  it('finds DejaVu Sans in the dejavu-fonts-ttf package before any system folder', () => {
    const dir = packageFontDir();
    expect(dir).not.toBeNull();
    expect(findReportFonts({})).toEqual({ regularPath: join(dir!, 'DejaVuSans.ttf'), boldPath: join(dir!, 'DejaVuSans-Bold.ttf') });
  });

  it('searches only IOMTSIM_FONT_DIR when it is set, and names it when the files are not there', () => {
    const empty = mkdtempSync(join(tmpdir(), 'iomtsim-no-fonts-'));
    const found = findReportFonts({ IOMTSIM_FONT_DIR: empty });
    expect(found).toEqual({ missing: expect.stringContaining(empty) });
  });
});
