import { describe, expect, it } from 'vitest';
import { renderSvg } from '../render/render.ts';
import { curveFigure } from './sweep.ts';

function figure(xs: readonly number[]) {
  const rows = xs.map((x, i) => ({ x, series: 'a', mean: 100 + i, lo: 99 + i, hi: 101 + i }));
  return curveFigure({ name: 'sweep-test', title: 'T', xTitle: 'consensus.nodes', yTitle: 'Throughput', numeric: true, rows, caption: '' });
}

/** The text of every label and title in a rendered SVG. */
function tickLabels(svg: string): string[] {
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!);
}

/** The texts of the x axis alone (its labels and title): vega draws it before the y axis. */
function xAxisTexts(svg: string): string[] {
  return tickLabels(svg.slice(svg.indexOf('aria-label="X-axis'), svg.indexOf('aria-label="Y-axis')));
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

  it('ticks a log axis over orders of magnitude in plain notation and names it in the title', async () => {
    // Values up to 2,000,000 (a rate sweep, say), written out in full.
    const labels = xAxisTexts(await renderSvg(figure([500, 1000, 20000, 2000000])));
    expect(labels).toEqual(expect.arrayContaining(['1,000', '10,000', '100,000', '1,000,000']));
    expect(labels.join(' ')).not.toMatch(/e\+/);
    expect(labels).toContain('consensus.nodes, log scale');
  });

  it('ticks a symmetric log axis at 0 and the powers of ten, not evenly as on a linear axis', async () => {
    const labels = xAxisTexts(await renderSvg(figure([0, 1, 10, 2000])));
    expect(labels).toEqual(expect.arrayContaining(['0', '1', '10', '100', '1,000']));
    expect(labels).not.toContain('500');
  });
});
