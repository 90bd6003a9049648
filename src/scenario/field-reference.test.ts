import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InputError } from './errors.ts';
import { BEGIN_MARKER, END_MARKER, fieldReference, withFieldReference } from './field-reference.ts';

describe('docs/scenarios.md', () => {
  it('documents every field the loader accepts (regenerate with npm run docs:scenarios)', () => {
    const doc = readFileSync(new URL('../../docs/scenarios.md', import.meta.url), 'utf8');
    const missing = fieldReference().map((f) => f.path).filter((path) => !doc.includes(`\`${path}\``));
    expect(missing).toEqual([]);
  });

  it('holds the field reference exactly as generated from the schema sources, so a hand edit there cannot drift from them', () => {
    const doc = readFileSync(new URL('../../docs/scenarios.md', import.meta.url), 'utf8');
    expect(withFieldReference(doc, 'docs/scenarios.md')).toBe(doc);
  });

  it('reads field meanings from the schema sources and defaults with units', () => {
    const byPath = new Map(fieldReference().map((f) => [f.path, f]));
    expect(byPath.get('warmup')).toMatchObject({ type: 'duration', defaultText: '0s' });
    expect(byPath.get('replications')?.meaning).toContain('--reps');
  });

  it("gives a list entry's field the default its schema states, unless the kinds of entry that have it differ", () => {
    const byPath = new Map(fieldReference().map((f) => [f.path, f]));
    expect(byPath.get('iomt.detectors[].warmup')?.defaultText).toBe('30');
    expect(byPath.get('iomt.detectors[].h')?.defaultText).toBe('8');
    // Several attacks have a rate, with defaults of their own: no one default stands for them all.
    expect(byPath.get('attacks[].rate')?.defaultText).toBe('');
  });

  it("names each attack's own default and meaning of a field several attacks have, where they differ", () => {
    const byPath = new Map(fieldReference().map((f) => [f.path, f]));
    const delay = byPath.get('attacks[].delay')!;
    expect(delay.defaultsByAttack).toEqual([
      { types: ['leader-delay', 'delay-votes'], text: 'required', stated: false },
      { types: ['replay'], text: '1s', stated: true },
      { types: ['compromised-gateway'], text: 'none held (then drop must be set)', stated: false },
    ]);
    expect(delay.meaningsByAttack?.map((m) => m.types)).toEqual([['leader-delay'], ['delay-votes'], ['replay'], ['compromised-gateway']]);
    const doc = readFileSync(new URL('../../docs/scenarios.md', import.meta.url), 'utf8');
    expect(doc).toContain('| `attacks[].delay` | duration | *leader-delay, delay-votes*: required; *replay*: `1s`; *compromised-gateway*: none held (then drop must be set) | *leader-delay*: Added one-way delay');
    // Where every attack that has a field agrees, the row says it once.
    expect(byPath.get('attacks[].after')?.defaultsByAttack).toBeUndefined();
    expect(byPath.get('attacks[].after')?.defaultText).toBe('0s');
  });

  it("gives a list entry's duration the default its schema states, written as a scenario writes it, as `iomtsim list attacks` does", () => {
    const byPath = new Map(fieldReference().map((f) => [f.path, f.defaultText]));
    expect(byPath.get('attacks[].start')).toBe('0s');
    expect(byPath.get('attacks[].tick')).toBe('10ms');
    expect(byPath.get('attacks[].interval')).toBe('10s');
    expect(byPath.get('attacks[].validFor')).toBe('30s');
    // A latency distribution's default holds a duration too.
    expect(byPath.get('iomt.links.radio')).toBe('{"kind":"fixed","value":"5ms"}');
  });

  it('gives duration no default: a scenario must state it (the table used the 1 s it parses a minimal scenario with)', () => {
    expect(fieldReference().find((f) => f.path === 'duration')?.defaultText).toBe('');
  });
});

describe('updating the field reference of a markdown file', () => {
  /** What the input error for `markdown` in file notes.md says was found. */
  function foundIn(markdown: string): string | undefined {
    try {
      withFieldReference(markdown, 'notes.md');
    } catch (e) {
      if (e instanceof InputError && e.issues[0]!.source === 'notes.md') return e.issues[0]!.found;
      throw e;
    }
    return undefined;
  }

  it('refuses, naming the file, one without the begin marker', () => {
    expect(foundIn(`# notes\n${END_MARKER}\n`)).toBe('no begin marker');
  });

  it('refuses one without the end marker', () => {
    expect(foundIn(`${BEGIN_MARKER}\n`)).toBe('no end marker');
  });

  it('refuses one with the end marker first', () => {
    expect(foundIn(`${END_MARKER}\n${BEGIN_MARKER}\n`)).toBe('the end marker before the begin marker');
  });
});
