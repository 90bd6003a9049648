/**
 * attack.tampered_reads_passed can fail: readers whose Merkle inclusion check (RFC 9162 §2.1.3.2)
 * accepts any proof pass every altered record they are served, and the records an honest check
 * caught are then counted passed, none caught. The world is the same with either check (its
 * outcome is only reported), so the two runs serve the same altered records.
 */
import { describe, expect, it, vi } from 'vitest';
import { loadScenario } from '../scenario/index.ts';
import { runIomtWorld } from './testing/run.ts';

const readers = vi.hoisted(() => ({ acceptAnyProof: false }));

vi.mock('../ledger/merkle.ts', async (importOriginal) => {
  const merkle = await importOriginal<typeof import('../ledger/merkle.ts')>();
  return { ...merkle, verifyMerkleProof: (...args: Parameters<typeof merkle.verifyMerkleProof>) => readers.acceptAnyProof || merkle.verifyMerkleProof(...args) };
});

function run(acceptAnyProof: boolean): (name: string) => number {
  readers.acceptAnyProof = acceptAnyProof;
  const { scenario } = loadScenario('scenarios/attacks/record-tamper.yaml');
  const m = runIomtWorld(scenario, scenario.seed).metrics;
  return (name) => m[name]!.value;
}

describe('record-tamper against readers whose proof check accepts anything', () => {
  it('counts as passed every altered record an honest check caught, and none caught', () => {
    const honest = run(false);
    const broken = run(true);
    expect(honest('attack.tampered_reads_caught')).toBeGreaterThan(0);
    expect(honest('attack.tampered_reads_passed')).toBe(0);
    expect(broken('attack.tampered_records_read')).toBe(honest('attack.tampered_records_read'));
    expect(broken('attack.tampered_reads_passed')).toBe(honest('attack.tampered_reads_caught'));
    expect(broken('attack.tampered_reads_caught')).toBe(0);
    expect(broken('iomt.integrity_checks_invalid')).toBe(0);
  }, 30_000);
});
