import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { METRIC_DOCS } from './catalog.ts';
import { metricsMarkdown } from './catalog-markdown.ts';

describe('docs/metrics.md', () => {
  it('is the catalog rendered as Markdown (regenerate with npm run docs:metrics)', () => {
    const doc = readFileSync(new URL('../../docs/metrics.md', import.meta.url), 'utf8');
    expect(doc).toBe(metricsMarkdown(METRIC_DOCS));
  });

  it('groups metrics by their first name segment, one table row each, with which way each is better', () => {
    const md = metricsMarkdown([
      { name: 'b.x_ms', unit: 'ms', meaning: 'x', better: 'lower' },
      { name: 'a.y_count', unit: 'count', meaning: 'y | z', better: 'neither' },
    ]);
    expect(md.indexOf('## a')).toBeLessThan(md.indexOf('## b'));
    expect(md).toContain('| metric | unit | better | meaning |');
    expect(md).toContain('| `a.y_count` | count | neither | y \\| z |');
    expect(md).toContain('| `b.x_ms` | ms | lower | x |');
  });
});
