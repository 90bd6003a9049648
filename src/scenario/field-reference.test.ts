import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fieldReference, withFieldReference } from './field-reference.ts';

describe('docs/scenarios.md', () => {
  it('documents every field the loader accepts (regenerate with npm run docs:scenarios)', () => {
    const doc = readFileSync(new URL('../../docs/scenarios.md', import.meta.url), 'utf8');
    const missing = fieldReference().map((f) => f.path).filter((path) => !doc.includes(`\`${path}\``));
    expect(missing).toEqual([]);
  });

  it('holds the field reference exactly as generated from the schema sources, so a hand edit there cannot drift from them', () => {
    const doc = readFileSync(new URL('../../docs/scenarios.md', import.meta.url), 'utf8');
    expect(withFieldReference(doc)).toBe(doc);
  });

  it('reads field meanings from the schema sources and defaults with units', () => {
    const byPath = new Map(fieldReference().map((f) => [f.path, f]));
    expect(byPath.get('warmup')).toMatchObject({ type: 'duration', defaultText: '0us' });
    expect(byPath.get('replications')?.meaning).toContain('--reps');
  });
});
