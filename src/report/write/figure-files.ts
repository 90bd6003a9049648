/**
 * figures/<name>.svg, .png, .vl.json (spec pointing at its data) and .data.json. Figure files
 * left from an earlier render that no longer applies are removed, so the folder matches the page.
 */
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { specWithDataUrl } from '../render/render.ts';
import type { RenderedFigure } from '../render/rendered-figure.ts';

const FIGURE_FILE = /^(.+)\.(svg|png|vl\.json|data\.json)$/;

/** Each file of `figures` in `figuresDir`, with its content. */
export function figureFiles(figuresDir: string, figures: readonly RenderedFigure[]): [string, string | Uint8Array][] {
  return figures.flatMap(({ figure, svg, png }): [string, string | Uint8Array][] => {
    const stem = join(figuresDir, figure.name);
    return [
      [`${stem}.svg`, svg],
      ...(png === null ? [] : [[`${stem}.png`, png] as [string, Uint8Array]]),
      [`${stem}.vl.json`, `${JSON.stringify(specWithDataUrl(figure), null, 2)}\n`],
      [`${stem}.data.json`, `${JSON.stringify(figure.rows, null, 2)}\n`],
    ];
  });
}

/**
 * Remove the figure files in `figuresDir` of figures other than `figures`. A directory named like
 * one is no file a report wrote and is left alone: removing it would fail, and this runs after the
 * new report is written, so nothing here may turn a written report into a failed command.
 */
export function removeStaleFigures(figuresDir: string, figures: readonly RenderedFigure[]): void {
  const current = new Set(figures.map((f) => f.figure.name));
  if (!existsSync(figuresDir)) return;
  for (const entry of readdirSync(figuresDir, { withFileTypes: true })) {
    const name = FIGURE_FILE.exec(entry.name)?.[1];
    if (name !== undefined && !current.has(name) && !entry.isDirectory()) rmSync(join(figuresDir, entry.name));
  }
}
