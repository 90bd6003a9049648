import { describe, expect, it } from 'vitest';
import { darkPixels, decodePng } from '../fixtures/png-decode.ts';
import type { Figure } from '../figures/types.ts';
import { envelope } from '../figures/vl.ts';
import { findReportFonts, hasFonts } from './fonts.ts';
import { PNG_ZOOM, renderPng, renderSvg, useReportFontMetrics } from './render.ts';

/** A figure whose only dark marks in its top band are the title's glyphs. */
const TITLE_ONLY_TOP: Figure = {
  name: 'text-probe',
  title: 'Text probe',
  caption: '',
  rows: [{ x: 1, y: 1 }],
  spec: {
    ...envelope('Commit latency HELLO', 'subtitle text'),
    mark: { type: 'point' },
    encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' } },
  },
};

describe('PNG rendering', () => {
  it('draws text with the report fonts and none without them', async () => {
    const fonts = findReportFonts();
    if (!hasFonts(fonts)) throw new Error(`report fonts missing: ${fonts.missing}`);
    useReportFontMetrics(fonts);
    const svg = await renderSvg(TITLE_ONLY_TOP);
    const withFonts = decodePng(await renderPng(svg, fonts));
    const withoutFonts = decodePng(await renderPng(svg, null));
    const titleBand = [0, 0, 300 * PNG_ZOOM, 26 * PNG_ZOOM] as const;
    // The bold 15 px title covers a few hundred dark pixels at 2× zoom; with no font resvg draws none.
    expect(darkPixels(withFonts, ...titleBand)).toBeGreaterThan(400);
    expect(darkPixels(withoutFonts, ...titleBand)).toBeLessThan(10);
    expect(withFonts.width).toBe(withoutFonts.width);
  });
});
