/**
 * consent-expired.yaml with a PBFT primary that lies about time: host 0, the view-0 primary and
 * one faulty replica of four (what PBFT tolerates), stops its clock at 85 s for the blocks it
 * builds, so the consent that ends at 90 s stays valid at every block it proposes. The backups
 * refuse its pre-prepares once they are stamped further back than the block-time bound
 * (src/protocols/block-time.ts) and replace it; what it had decided until then is judged at the
 * time it could have been decided (src/iomt/served-reads.ts), so the violation shows.
 */
import { describe, expect, it, vi } from 'vitest';
import { OffChainStore } from '../iomt/store.ts';
import { loadScenario } from '../scenario/index.ts';
import { runIomtWorld } from './testing/run.ts';

vi.mock('../ledger/block.ts', async (importOriginal) => {
  const block = await importOriginal<typeof import('../ledger/block.ts')>();
  return { ...block, buildBlock: (f: Parameters<typeof block.buildBlock>[0]) => block.buildBlock(f.proposer === 0 ? { ...f, timestampUs: Math.min(f.timestampUs, 85_000_000) } : f) };
});

/** The misuser's requests per second (consent-expired.yaml) and the default bound on a stamp's lag (PBTS's message delay plus precision). */
const REQUESTS_PER_S = 2;
const STAMP_LAG_MAX_S = 15.505;

function run() {
  const { scenario } = loadScenario('scenarios/attacks/consent-expired.yaml');
  const out = runIomtWorld(scenario, scenario.seed);
  return { value: (name: string) => out.metrics[name]!.value, failed: out.checks.filter((c) => !c.passed).map((c) => c.name) };
}

describe('consent-expired under a primary whose block times stop at 85 s', () => {
  it('the backups replace it once its stamps lag more than the bound: no request submitted later than that after the consent ended is permitted', () => {
    const { value } = run();
    expect(value('consensus.view_changes')).toBeGreaterThan(0);
    expect(value('attack.consent_misuse.permitted_after_end')).toBeGreaterThan(0);
    expect(value('attack.consent_misuse.permitted_after_end')).toBeLessThanOrEqual(REQUESTS_PER_S * STAMP_LAG_MAX_S);
  });

  it('at stores that do not check a permit\'s consent end, every read it permitted after the consent ended counts as a consent violation, and the consent check fails', () => {
    // The stores' own check would refuse those reads: broken here, the ground truth alone must see them.
    const withinConsent = vi.spyOn(OffChainStore.prototype as unknown as { withinConsent(): boolean }, 'withinConsent').mockReturnValue(true);
    const { value, failed } = run();
    withinConsent.mockRestore();
    expect(value('attack.consent_misuse.unauthorized_reads')).toBeGreaterThan(0);
    // Besides those, a read permitted just before the end and served after it is one too (the attack counts only the former).
    expect(value('iomt.consent_violations')).toBeGreaterThanOrEqual(value('attack.consent_misuse.unauthorized_reads'));
    expect(failed).toContain('iomt.consent_enforced');
  });
});
