/**
 * Figure rendering without a browser: Vega-Lite → Vega (vega-lite compile) → SVG (a headless
 * vega View, renderer 'none') → PNG (resvg, with the report font files given explicitly).
 */
import { renderAsync, type ResvgRenderOptions } from '@resvg/resvg-js';
import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { Figure } from '../figures/types.ts';
import { REPORT_FONT } from '../figures/vl.ts';
import { loadFontMetrics } from './font-metrics.ts';
import type { ReportFonts } from './fonts.ts';
import { installTextMetrics } from './vega-text.ts';

/** PNGs at twice the SVG's CSS pixel size: sharp enough for a paper column. */
export const PNG_ZOOM = 2;

/** The spec with the figure's rows inlined, ready to compile. */
export function specWithValues(figure: Figure): TopLevelSpec {
  return { ...figure.spec, data: { values: figure.rows as Record<string, unknown>[] } } as TopLevelSpec;
}

/** The spec as saved in figures/<name>.vl.json: its data is the .data.json beside it. */
export function specWithDataUrl(figure: Figure): TopLevelSpec {
  return { ...figure.spec, data: { url: `${figure.name}.data.json` } } as TopLevelSpec;
}

export function useReportFontMetrics(fonts: ReportFonts): void {
  installTextMetrics(loadFontMetrics(fonts.regularPath), loadFontMetrics(fonts.boldPath));
}

export async function renderSvg(figure: Figure): Promise<string> {
  const vegaSpec = compile(specWithValues(figure)).spec;
  const view = new View(parse(vegaSpec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

function pngOptions(fonts: ReportFonts | null): ResvgRenderOptions {
  return {
    background: 'white',
    fitTo: { mode: 'zoom', value: PNG_ZOOM },
    font: {
      fontFiles: fonts === null ? [] : [fonts.regularPath, fonts.boldPath],
      loadSystemFonts: false,
      defaultFontFamily: REPORT_FONT,
    },
  };
}

/**
 * Rasterises on libuv's thread pool (resvg's async API), so PNGs of earlier figures are drawn
 * while Vega lays out the next one on the main thread.
 */
export async function renderPng(svg: string, fonts: ReportFonts | null): Promise<Buffer> {
  const image = await renderAsync(svg, pngOptions(fonts));
  return image.asPng();
}
