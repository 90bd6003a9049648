import { describe, expect, it } from 'vitest';
import { METRIC_DOCS } from '../../metrics/catalog.ts';
import { betterDirection } from './direction.ts';

describe('betterDirection', () => {
  it('finds a better direction decided for every metric of the catalog', () => {
    expect(METRIC_DOCS.filter((d) => !['higher', 'lower', 'neither'].includes(d.better ?? '')).map((d) => d.name)).toEqual([]);
  });

  it.each([
    ['consensus.throughput_tps', 'higher'],
    ['detect.cusum.detection_rate', 'higher'],
    ['consensus.commit_latency_ms.p99', 'lower'],
    ['consensus.replica_lag_ms', 'lower'],
    ['safety.violations', 'lower'],
    ['mempool.dropped_txs', 'lower'],
    ['consensus.view_changes', 'neither'],
    ['consensus.offered_tps', 'neither'],
  ])('reads %s as %s is better', (metric, direction) => {
    expect(betterDirection(metric)).toBe(direction);
  });

  it.each([
    ['iomt.integrity_checks_invalid', 'lower'],
    ['iomt.records_served_unaudited', 'lower'],
    ['iomt.audit_completeness_ratio', 'higher'],
    ['iomt.alert_within_target_ratio', 'higher'],
    ['iomt.episodes_alerted_ratio', 'higher'],
    ['iomt.forged_accepted', 'lower'],
    ['attack.unauthorized_reads', 'lower'],
    ['detect.cusum_interarrival.false_alarms_per_hour', 'lower'],
  ])('reads the trust metric %s as %s is better, from its catalog entry', (metric, direction) => {
    expect(betterDirection(metric)).toBe(direction);
  });

  it('reads a metric the catalog does not list (a plug-in\'s) as unknown, whatever its name suggests', () => {
    expect(betterDirection('plugin.widget_latency_ms')).toBe('unknown');
  });
});
