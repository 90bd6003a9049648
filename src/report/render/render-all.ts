/** Renders every figure to SVG and, when the report fonts are installed, PNG. */
import type { Figure } from '../figures/types.ts';
import { findReportFonts, hasFonts } from './fonts.ts';
import { renderPng, renderSvg, useReportFontMetrics } from './render.ts';
import type { RenderedFigure } from './rendered-figure.ts';

export interface RenderOutcome {
  readonly figures: RenderedFigure[];
  /** Human-readable problems that did not stop the report (missing fonts). */
  readonly warnings: string[];
}

export async function renderFigures(figures: readonly Figure[]): Promise<RenderOutcome> {
  const fonts = findReportFonts();
  const warnings: string[] = [];
  if (hasFonts(fonts)) useReportFontMetrics(fonts);
  else warnings.push(`PNG figures were not drawn: ${fonts.missing}.`);
  const pending: Promise<RenderedFigure>[] = [];
  for (const figure of figures) {
    const svg = await renderSvg(figure);
    const png = hasFonts(fonts) ? renderPng(svg, fonts) : Promise.resolve(null);
    pending.push(png.then((buffer) => ({ figure, svg, png: buffer })));
  }
  return { figures: await Promise.all(pending), warnings };
}
