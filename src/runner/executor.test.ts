import { describe, expect, it } from 'vitest';
import { DEFAULT_MODEL, runsAlone } from './executor.ts';

const TOY = { module: new URL('./testing/toy-model.ts', import.meta.url).href, exportName: 'simulate' };

describe('where a run goes', () => {
  it('runs one replication of the built-in model in this thread', () => {
    expect(runsAlone(1, 1, 1, DEFAULT_MODEL)).toBe(true);
  });

  it('keeps a pool for several replications, a split replication, or more workers', () => {
    expect(runsAlone(2, 1, 1, DEFAULT_MODEL)).toBe(false);
    expect(runsAlone(1, 2, 1, DEFAULT_MODEL)).toBe(false);
    expect(runsAlone(1, 1, 2, DEFAULT_MODEL)).toBe(false);
  });

  it('keeps a worker for a model of its own, which cannot run in slices', () => {
    expect(runsAlone(1, 1, 1, TOY)).toBe(false);
    expect(runsAlone(1, 1, 1, { ...DEFAULT_MODEL, exportName: 'other' })).toBe(false);
  });
});
