/**
 * Horizontal bars with 95 % CI whiskers: the shared shape of the per-configuration figures (PoW
 * stale rate, bytes per node, attack and detector scores, time to detect).
 */
import type { Figure, Row } from './types.ts';
import { distinctCount, envelope, FIGURE_WIDTH_PX, seriesColor } from './vl.ts';

export interface BarOptions {
  readonly name: string;
  readonly title: string;
  readonly subtitle: string;
  readonly caption: string;
  /** Rows with `category`, `group`, `mean`, `lo`, `hi` */
  readonly rows: readonly Row[];
  readonly xTitle: string;
  readonly categoryTitle: string;
  readonly groupTitle: string;
  /** Fixed value domain, e.g. [0, 1] for rates. */
  readonly domain?: readonly [number, number];
  readonly xFormat?: string;
}

const BAR_PX = 18;

export function barFigure(o: BarOptions): Figure {
  const groups = distinctCount(o.rows, 'group');
  const categories = distinctCount(o.rows, 'category');
  const color = seriesColor('group', o.groupTitle, groups);
  const x = {
    field: 'mean',
    type: 'quantitative' as const,
    title: o.xTitle,
    ...(o.domain === undefined ? {} : { scale: { domain: [...o.domain] } }),
    ...(o.xFormat === undefined ? {} : { axis: { format: o.xFormat } }),
  };
  const y = { field: 'category', type: 'nominal' as const, title: o.categoryTitle, sort: null };
  const yOffset = groups > 1 ? { yOffset: { field: 'group', type: 'nominal' as const, sort: null } } : {};
  return {
    name: o.name,
    title: o.title,
    caption: o.caption,
    rows: o.rows,
    spec: {
      ...envelope(o.title, o.subtitle),
      width: FIGURE_WIDTH_PX,
      height: Math.max(60, categories * groups * BAR_PX + categories * 6),
      layer: [
        { mark: { type: 'bar' }, encoding: { x, y, ...yOffset, ...color } },
        {
          mark: { type: 'rule', color: '#222', strokeWidth: 1.2 },
          encoding: { x: { ...x, field: 'lo' }, x2: { field: 'hi' }, y, ...yOffset },
        },
      ],
    },
  };
}
