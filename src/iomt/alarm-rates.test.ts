import { describe, expect, it } from 'vitest';
import { AlarmRates } from './alarm-rates.ts';

describe('AlarmRates', () => {
  it('counts alarms after the warm-up per hour of the window, and a silent configured detector as 0', () => {
    const r = new AlarmRates(['cusum:interarrival', 'ewma:rate'], 600_000_000);
    r.add('cusum:interarrival', 599_999_999);
    r.add('cusum:interarrival', 600_000_000);
    r.add('cusum:interarrival', 1_000_000_000);
    r.add('zscore:value', 2_000_000_000);
    expect(r.metrics(2_400_000_000)).toEqual({
      'detect.cusum_interarrival.alarms_per_hour': { unit: 'alarms/h', value: 4 },
      'detect.ewma_rate.alarms_per_hour': { unit: 'alarms/h', value: 0 },
      'detect.zscore_value.alarms_per_hour': { unit: 'alarms/h', value: 2 },
    });
  });
});
