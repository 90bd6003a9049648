/**
 * figures/<name>.svg, .png, .vl.json (spec pointing at its data) and .data.json. Figure files
 * left from an earlier render that no longer applies are removed, so the folder matches the page.
 */
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { specWithDataUrl } from '../render/render.ts';
import type { RenderedFigure } from '../render/rendered-figure.ts';
import { writeFileAtomic } from '../../io/atomic-write.ts';

const FIGURE_FILE = /^(.+)\.(svg|png|vl\.json|data\.json)$/;

export function writeFigureFiles(figuresDir: string, figures: readonly RenderedFigure[]): void {
  for (const { figure, svg, png } of figures) {
    const stem = join(figuresDir, figure.name);
    writeFileAtomic(`${stem}.svg`, svg);
    if (png !== null) writeFileAtomic(`${stem}.png`, png);
    writeFileAtomic(`${stem}.vl.json`, `${JSON.stringify(specWithDataUrl(figure), null, 2)}\n`);
    writeFileAtomic(`${stem}.data.json`, `${JSON.stringify(figure.rows, null, 2)}\n`);
  }
  const current = new Set(figures.map((f) => f.figure.name));
  if (!existsSync(figuresDir)) return;
  for (const file of readdirSync(figuresDir)) {
    const name = FIGURE_FILE.exec(file)?.[1];
    if (name !== undefined && !current.has(name)) rmSync(join(figuresDir, file));
  }
}
