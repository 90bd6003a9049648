/**
 * A run says, once it has finished, which attacks opened their window and still never acted (no
 * ground truth recorded: silent-attacks.ts), from its replication records: scenarios/attacks/
 * consent-expired.yaml on PoA, cut to 100 s, ends before the patient's grant commits, so its former
 * grantee never requests anything; as shipped (PBFT) it acts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../scenario/index.ts';
import { runScenario } from './run.ts';
import { tempRoot } from './testing/fixtures.ts';

const root = tempRoot('silent-attacks');
const consentExpired = 'scenarios/attacks/consent-expired.yaml';

describe('a run of an attack that never acted', () => {
  it('says so after the run, and records each replication\'s labels by attack in replications.jsonl', async () => {
    const r = await runScenario({ loaded: loadScenario(consentExpired, ['consensus.protocol=poa', 'duration=100s']), workers: 0, outDir: join(root, 'poa') });
    expect(r.notices).toEqual([
      "attacks.0 (consent-misuse) never acted in this run: it recorded no ground truth between its start (60 s) and the run's end (100 s); it waits for the patient's consent grant, submitted at its start, to commit, which never happened in time, so its outcome metrics count nothing it did",
    ]);
    expect(JSON.parse(readFileSync(join(r.dir, 'replications.jsonl'), 'utf8')).attackLabels).toEqual({ 'consent-misuse': 0 });
  });

  it('says nothing of consent-expired.yaml as shipped, whose former grantee acts', async () => {
    const r = await runScenario({ loaded: loadScenario(consentExpired), workers: 0, outDir: join(root, 'pbft') });
    expect(r.notices).toEqual([]);
  });
});

describe("consent-misuse's requests left undecided", () => {
  const metric = (dir: string, name: string): number => (JSON.parse(readFileSync(join(dir, 'replications.jsonl'), 'utf8')) as { metrics: Record<string, { value: number }> }).metrics[name]!.value;

  it('counts the requests no block decided by the end, which the verdicts leave out', async () => {
    // PoA at its 15 s period commits the grant at 120 s; the former grantee then requests twice a
    // second until the end at 180 s, and none of its 120 requests commits in time.
    const r = await runScenario({ loaded: loadScenario(consentExpired, ['consensus.protocol=poa']), workers: 0, outDir: join(root, 'poa-undecided') });
    expect(metric(r.dir, 'attack.consent_misuse.requests_undecided')).toBe(120);
    expect(metric(r.dir, 'attack.consent_misuse.requests')).toBe(0);
  });
});

