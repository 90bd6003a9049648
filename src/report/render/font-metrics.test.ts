import { describe, expect, it } from 'vitest';
import { loadFontMetrics } from './font-metrics.ts';
import { findReportFonts, hasFonts } from './fonts.ts';

describe('font metrics', () => {
  it('reads DejaVu Sans advance widths from the font file', () => {
    const fonts = findReportFonts();
    if (!hasFonts(fonts)) throw new Error(`report fonts missing: ${fonts.missing}`);
    const regular = loadFontMetrics(fonts.regularPath);
    const bold = loadFontMetrics(fonts.boldPath);
    // DejaVu Sans: 2048 units per em; 'M' advances 1767 units, 'i' 569, the space 651.
    expect(regular.width('M', 2048)).toBe(1767);
    expect(regular.width('i', 2048)).toBe(569);
    expect(regular.width('iM i', 2048)).toBe(569 + 1767 + 651 + 569);
    expect(bold.width('M', 12)).toBeGreaterThan(regular.width('M', 12));
  });
});
