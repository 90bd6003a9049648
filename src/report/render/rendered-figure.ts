import type { Figure } from '../figures/types.ts';

/** A figure after rendering: its SVG markup and its PNG (null when the report fonts are missing). */
export interface RenderedFigure {
  readonly figure: Figure;
  readonly svg: string;
  readonly png: Buffer | null;
}
