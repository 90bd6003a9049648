/**
 * Horizontal bars with 95 % CI whiskers: the shared shape of the per-configuration figures (PoW
 * stale rate, bytes per node, attack and detector scores, time to detect). With `panel` set, each
 * distinct value of the row's `panel` field gets its own stacked panel (one per attack or
 * detector), so long configuration labels stay readable in a sweep.
 */
import type { Figure, Row } from './types.ts';
import { distinctCount, envelope, FIGURE_WIDTH_PX, frame, seriesColor, type LayerSpec } from './vl.ts';

export interface BarOptions {
  readonly name: string;
  readonly title: string;
  readonly subtitle: string;
  readonly caption: string;
  /** Rows with `category`, `group`, `mean`, `lo`, `hi` (and `panel` when panelled). */
  readonly rows: readonly Row[];
  readonly xTitle: string;
  readonly categoryTitle: string;
  readonly groupTitle: string;
  /** Fixed value domain, e.g. [0, 1] for rates. */
  readonly domain?: readonly [number, number];
  readonly xFormat?: string;
  readonly panelled?: boolean;
}

const BAR_PX = 18;
const MIN_HEIGHT_PX = 40;

function layers(o: BarOptions, groups: number): LayerSpec[] {
  const x = {
    field: 'mean',
    type: 'quantitative' as const,
    title: o.xTitle,
    ...(o.domain === undefined ? {} : { scale: { domain: [...o.domain] } }),
    ...(o.xFormat === undefined ? {} : { axis: { format: o.xFormat } }),
  };
  const y = { field: 'category', type: 'nominal' as const, title: o.categoryTitle, sort: null };
  const yOffset = groups > 1 ? { yOffset: { field: 'group', type: 'nominal' as const, sort: null } } : {};
  return [
    { mark: { type: 'bar' }, encoding: { x, y, ...yOffset, ...seriesColor('group', o.groupTitle, groups) } },
    {
      mark: { type: 'rule', color: '#222', strokeWidth: 1.2 },
      encoding: { x: { ...x, field: 'lo' }, x2: { field: 'hi' }, y, ...yOffset },
    },
  ];
}

function heightPx(rows: readonly Row[], groups: number): number {
  return Math.max(MIN_HEIGHT_PX, distinctCount(rows, 'category') * (groups * BAR_PX + 6));
}

export function barFigure(o: BarOptions): Figure {
  const groups = distinctCount(o.rows, 'group');
  const base = { name: o.name, title: o.title, caption: o.caption, rows: o.rows };
  if (o.panelled === true) {
    // Facet panels share one height: the tallest panel's, counting only the scores it shows.
    const panelRows = Math.max(
      ...[...new Set(o.rows.map((r) => r['panel']))].map((panel) => {
        const rows = o.rows.filter((r) => r['panel'] === panel);
        return heightPx(rows, distinctCount(rows, 'group'));
      }),
    );
    return {
      ...base,
      spec: {
        ...frame(o.title, o.subtitle),
        facet: {
          row: {
            field: 'panel',
            type: 'nominal',
            title: null,
            sort: null,
            header: { labelAngle: 0, labelOrient: 'top', labelAnchor: 'start', labelFontWeight: 'bold', labelFontSize: 12 },
          },
        },
        spec: { width: FIGURE_WIDTH_PX, height: panelRows, layer: layers(o, groups) },
        resolve: { scale: { y: 'independent', yOffset: 'independent' } },
      },
    };
  }
  return {
    ...base,
    spec: { ...envelope(o.title, o.subtitle), height: heightPx(o.rows, groups), layer: layers(o, groups) },
  };
}
