import type { TopLevelSpec } from 'vega-lite';

/** One data row of a figure; saved as figures/<name>.data.json. */
export type Row = Readonly<Record<string, string | number | null>>;

/**
 * A figure as built in code: a Vega-Lite spec whose data is the named dataset `table`, and the
 * rows that fill it. Rendering swaps in the values; the saved .vl.json points at the .data.json.
 */
export interface Figure {
  /** File stem: figures/<name>.svg */
  readonly name: string;
  readonly title: string;
  /** What is drawn and where the numbers come from (HTML caption, Markdown). */
  readonly caption: string;
  readonly spec: TopLevelSpec;
  readonly rows: readonly Row[];
}

export const TABLE = 'table';
