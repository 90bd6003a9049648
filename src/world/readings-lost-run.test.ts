/**
 * iomt.readings_sent and iomt.readings_lost against the network's loss probability: every reading a
 * device sends is lost on the way, reaches a gateway (accepted or rejected there), or is still on the
 * way when the run ends.
 */
import { describe, expect, it } from 'vitest';
import type { RunOutput } from '../metrics/types.ts';
import { runIomtWorld } from './testing/run.ts';
import { smallIomtScenario } from './testing/scenarios.ts';
import { simulateOnThreads } from './threads/run.ts';

/** Two hospitals of one ward × 3 beds × 6 devices; latencies with floors so that it can split. */
const DEVICES = 36;
const scenario = (loss: number, attacks: readonly unknown[] = []) =>
  smallIomtScenario(
    { hospitals: 2, wardsPerHospital: 1, links: { radio: { kind: 'normal', mean: '5ms', sd: '1ms', min: '1ms' }, lan: { kind: 'normal', mean: '1ms', sd: '200us', min: '500us' }, wan: { kind: 'normal', mean: '20ms', sd: '4ms', min: '5ms' } } },
    { duration: '3m', warmup: '10s', network: { loss }, consensus: { protocol: 'pbft', nodes: 5, batchSize: 10, batchTimeout: '200ms' }, attacks } as never,
  );

const value = (out: RunOutput, name: string) => out.metrics[name]!.value;
/** Readings sent that neither reached a gateway nor were lost: still on the radio at the end. */
const onTheWay = (out: RunOutput) => value(out, 'iomt.readings_sent') - value(out, 'iomt.readings_lost') - value(out, 'iomt.readings_accepted') - value(out, 'iomt.readings_rejected');

describe('iomt.readings_sent and iomt.readings_lost', () => {
  it('lose no reading on a lossless network, and every reading sent but a few on the way at the end reaches a gateway', () => {
    const out = runIomtWorld(scenario(0), 1);
    expect(value(out, 'iomt.readings_sent')).toBeGreaterThan(2_000);
    expect(value(out, 'iomt.readings_lost')).toBe(0);
    expect(onTheWay(out)).toBeGreaterThanOrEqual(0);
    // At most one reading a device on the radio at once: milliseconds of radio against seconds between readings.
    expect(onTheWay(out)).toBeLessThanOrEqual(DEVICES);
  });

  it('lose the loss probability of the readings sent, within 4 standard errors, and account for every other one', () => {
    const p = 0.05;
    const out = runIomtWorld(scenario(p), 2);
    const sent = value(out, 'iomt.readings_sent');
    const lost = value(out, 'iomt.readings_lost');
    expect(Math.abs(lost / sent - p)).toBeLessThanOrEqual(4 * Math.sqrt((p * (1 - p)) / sent));
    expect(onTheWay(out)).toBeGreaterThanOrEqual(0);
    expect(onTheWay(out)).toBeLessThanOrEqual(DEVICES);
  });

  it('count the readings of attackers in radio range of a gateway, which the gateways receive like any other', () => {
    // A sybil host and a stolen key's spoofer send readings of their own; the gateways count what
    // reaches them as accepted or rejected, so sent and lost must include them too.
    const attacks = [{ type: 'sybil', start: '20s', gateway: 0, identities: 3, rate: 5 }, { type: 'stolen-key', start: '20s', device: 1, rate: 5 }];
    const out = runIomtWorld(scenario(0.05, attacks), 4);
    const attackSent = value(out, 'iomt.forged_sent') + value(out, 'iomt.spoofed_sent');
    expect(attackSent).toBeGreaterThan(500);
    expect(onTheWay(out)).toBeGreaterThanOrEqual(0);
    // Uncounted, the attackers' own losses (5 % of theirs) would be left over as if on the way.
    expect(onTheWay(out)).toBeLessThanOrEqual(DEVICES + 2);
  });

  it('count the same split over 2 threads as on one (a drop is counted where it happens, in either partition)', async () => {
    const s = scenario(0.05);
    const one = runIomtWorld(s, 3);
    const two = await simulateOnThreads(s, 3, 2);
    expect(value(one, 'iomt.readings_lost')).toBeGreaterThan(0);
    expect(['iomt.readings_sent', 'iomt.readings_lost'].map((m) => value(two, m))).toEqual(['iomt.readings_sent', 'iomt.readings_lost'].map((m) => value(one, m)));
  }, 60_000);
});
