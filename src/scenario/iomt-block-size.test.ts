/**
 * An IoMT scenario's consensus.blockSizeMax must hold a block header and the largest transaction
 * its application can submit (iomt-tx-bytes.ts): a block too small for a transaction never commits
 * it. Here the largest is a gateway's anchor: 348 B, so a block needs 96 + 348 = 444 B.
 */
import { describe, expect, it } from 'vitest';
import { loadScenarioText } from './load.ts';
import { issueOf } from './testing/input-issue.ts';
import { iomtTransactionBounds } from './iomt-tx-bytes.ts';

const iomt = (extra = ''): string =>
  `name: t\nduration: 5s\nwarmup: 1s\nconsensus: { protocol: pbft, nodes: 4 }\niomt: { hospitals: 1, wardsPerHospital: 2, bedsPerWard: 2, consortium: { nodesPerHospital: 1, lab: 1, insurer: 1, regulator: 1 }${extra} }\n`;
const LONG_RULE = `r${'x'.repeat(99)}`;
const longRule = (onChain: boolean): string =>
  `, gateway: { recordAlertsOnChain: ${onChain} }, rules: [{ name: ${LONG_RULE}, channel: spo2, op: below, threshold: 90, hold: 5s }]`;

describe('the block size of an IoMT scenario', () => {
  it('refuses a block that cannot hold its largest transaction, naming the field, the call and both sizes', () => {
    expect(issueOf(() => loadScenarioText('t.yaml', iomt(), ['consensus.blockSizeMax=443B']))).toEqual({
      source: '--set consensus.blockSizeMax=443B',
      path: 'consensus.blockSizeMax',
      expected: 'at least 444 B, a 96-byte block header and the largest transaction the IoMT application can submit (AnchorRegistry.anchor, a ward gateway anchoring a batch: up to 348 B)',
      found: '443 B',
    });
  });

  it('accepts a block that holds the header and the largest transaction exactly', () => {
    expect(issueOf(() => loadScenarioText('t.yaml', iomt(), ['consensus.blockSizeMax=444B']))).toBeUndefined();
  });

  it('counts the alert call with the longest rule name the scenario gives', () => {
    expect(issueOf(() => loadScenarioText('t.yaml', iomt(longRule(true)), ['consensus.blockSizeMax=444B']))?.expected).toMatch(/\(EmergencyAlert\.raise, a ward gateway recording an alert: up to 392 B\)$/);
  });

  it('does not count the alert call where alerts are not recorded on chain', () => {
    expect(issueOf(() => loadScenarioText('t.yaml', iomt(longRule(false)), ['consensus.blockSizeMax=444B']))).toBeUndefined();
  });
});

describe('the transactions an IoMT application can submit', () => {
  it('leaves out the calls of actors the scenario gives no rate', () => {
    const quiet = ', access: { clinicianRatePerHour: 0, researcherRatePerHour: 0, revocationsPerHour: 0 }, identity: { actionsPerHour: 0 }';
    const calls = iomtTransactionBounds(loadScenarioText('t.yaml', iomt(quiet)).scenario.iomt!).map((b) => b.call);
    expect(calls).toEqual(['AnchorRegistry.anchor', 'EmergencyAlert.raise']);
  });
});
