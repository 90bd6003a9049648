import { describe, expect, it } from 'vitest';
import { METRIC_DOCS } from './catalog.ts';

describe('METRIC_DOCS', () => {
  it('names each metric once, in dotted lower snake case (a <placeholder> stands for a family)', () => {
    const names = METRIC_DOCS.map((d) => d.name);
    expect(new Set(names).size).toBe(names.length);
    for (const n of names) expect(n).toMatch(/^[a-z][a-z0-9_]*(\.([a-z0-9_]+|<[a-z_]+>))+$/);
  });
});
