/**
 * Typed building blocks for the Vega-Lite specs: the shared look (DejaVu Sans everywhere, so the
 * PNG rasteriser, which is given exactly that font file, draws every glyph), sizes, and encodings
 * used by several figures.
 */
import type { Config, TopLevelSpec } from 'vega-lite';
import { TABLE } from './types.ts';

export const REPORT_FONT = 'DejaVu Sans';
export const FIGURE_WIDTH_PX = 560;
export const FIGURE_HEIGHT_PX = 300;

export type LayerSpec = Extract<TopLevelSpec, { layer: unknown }>['layer'][number];

export const REPORT_CONFIG: Config = {
  font: REPORT_FONT,
  background: 'white',
  padding: 8,
  title: { fontSize: 15, anchor: 'start', subtitleFontSize: 11, subtitleColor: '#555', offset: 10 },
  // Vega caps an axis at 200 px (maxExtent) and would then draw its title over long labels.
  axis: { labelFontSize: 11, titleFontSize: 12, labelLimit: 260, maxExtent: 300, grid: true, gridColor: '#e6e6e6' },
  // Opaque swatches: the translucent CI bands must not wash out the legend.
  legend: { labelFontSize: 11, titleFontSize: 12, labelLimit: 280, orient: 'bottom', direction: 'vertical', symbolOpacity: 1 },
  range: { category: { scheme: 'tableau10' } },
};

export const SCHEMA_URL = 'https://vega.github.io/schema/vega-lite/v6.json';

/** The common envelope: schema, title, data slot, size and config. */
/** Schema, title, data slot and config: what every figure's top level has, facetted or not. */
export interface Frame {
  readonly $schema: string;
  readonly title: { readonly text: string; readonly subtitle: string };
  readonly data: { readonly name: string };
  readonly config: Config;
}

export interface Envelope extends Frame {
  readonly width: number;
  readonly height: number;
}

export function frame(title: string, subtitle: string): Frame {
  return { $schema: SCHEMA_URL, title: { text: title, subtitle }, data: { name: TABLE }, config: REPORT_CONFIG };
}

/** The frame plus the standard plot size (a facetted figure sizes its inner spec instead). */
export function envelope(title: string, subtitle: string): Envelope {
  return { ...frame(title, subtitle), width: FIGURE_WIDTH_PX, height: FIGURE_HEIGHT_PX };
}

/** A legend is noise when there is one series; this returns the color encoding or nothing. */
export function seriesColor(field: string, title: string, seriesCount: number) {
  return seriesCount > 1 ? { color: { field, type: 'nominal' as const, title, sort: null } } : {};
}

export function distinctCount(rows: readonly Readonly<Record<string, unknown>>[], field: string): number {
  return new Set(rows.map((r) => r[field])).size;
}

/** Human title for a metric family: `consensus.commit_latency_ms` → "Commit latency". */
export function familyTitle(family: string): string {
  const last = family.split('.').pop() ?? family;
  const words = last.replace(/_(ms|us|s|tps|bytes)$/, '').replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** `ci95` endpoints, falling back to the mean when the interval is absent. */
export function ciBounds(
  mean: number,
  ci95: readonly [number | null, number | null] | null,
): { lo: number; hi: number } {
  return { lo: ci95?.[0] ?? mean, hi: ci95?.[1] ?? mean };
}
