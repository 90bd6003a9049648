import { describe, expect, it } from 'vitest';
import { renderSvg } from '../render/render.ts';
import { curveFigure } from './sweep.ts';

function figure(xs: readonly number[]) {
  const rows = xs.map((x, i) => ({ x, series: 'a', mean: 100 + i, lo: 99 + i, hi: 101 + i }));
  return curveFigure({ name: 'sweep-test', title: 'T', xTitle: 'consensus.nodes', yTitle: 'Throughput', numeric: true, rows, caption: '' });
}

/** The text of every tick label on the x axis of a rendered SVG. */
function tickLabels(svg: string): string[] {
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!);
}

describe("a sweep curve's parameter axis", () => {
  it('labels whole numbers and large rates in plain notation, never 1e+1', async () => {
    const nodes = tickLabels(await renderSvg(figure([4, 7, 10])));
    expect(nodes).toContain('10');
    expect(nodes.join(' ')).not.toMatch(/e\+/);
    const rates = tickLabels(await renderSvg(figure([100, 250, 400])));
    expect(rates).toContain('400');
    expect(rates.join(' ')).not.toMatch(/e\+/);
  });
});
