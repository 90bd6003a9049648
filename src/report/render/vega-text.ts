/**
 * Points Vega's text measurement at the report font's real advance widths (see font-metrics.ts).
 * Vega documents `textMetrics.width` as the hook for exactly this (vl-convert uses it too). It is
 * process-wide state in vega-scenegraph, installed once and only ever with the same font.
 */
import * as vega from 'vega';
import type { FontMetrics } from './font-metrics.ts';

interface TextItem {
  readonly fontSize?: number;
  readonly fontWeight?: string | number;
  readonly limit?: number;
}

const BOLD_WEIGHT = 600;

function isBold(weight: string | number | undefined): boolean {
  if (weight === undefined) return false;
  if (typeof weight === 'number') return weight >= BOLD_WEIGHT;
  return weight === 'bold' || weight === 'bolder' || Number(weight) >= BOLD_WEIGHT;
}

let installed = false;

export function installTextMetrics(regular: FontMetrics, bold: FontMetrics): void {
  if (installed) return;
  installed = true;
  // vega-scenegraph exports textMetrics at runtime; vega's typings do not declare it.
  const { textMetrics } = vega as unknown as { textMetrics: { width: (item: TextItem, text: unknown) => number } };
  textMetrics.width = (item, text) => {
    const fontSizePx = item.fontSize === undefined ? 11 : Number(item.fontSize) || 0;
    const line = text === null || text === undefined ? '' : String(text).trim();
    const width = (isBold(item.fontWeight) ? bold : regular).width(line, fontSizePx);
    // Vega truncates text longer than `limit` with an ellipsis before drawing it.
    return item.limit !== undefined && item.limit > 0 ? Math.min(width, item.limit) : width;
  };
}
