import { describe, expect, it } from 'vitest';
import { writeRunFixture } from './fixtures/results-fixture.ts';
import { tempResultsDir } from './fixtures/temp-dir.ts';
import { headlineText } from './headline-text.ts';

describe('the headline on the terminal', () => {
  it('says after each verdict which expectation decided it, as the report does', () => {
    const dir = tempResultsDir('headline-text');
    writeRunFixture(dir, { durationS: 2 });
    expect(headlineText(dir)).toContain('  pass  Ledger safety: 0 (no spread over n=5) heights at which two honest replicas committed different blocks. (expect: safety.violations == 0: 0)\n');
  });
});
