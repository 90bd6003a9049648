/**
 * The security service times a revocation from the device's first alarm as its gateway raised it
 * (attack.time_to_revoke_ms: "from the first alarm ... at its gateway"), not from when the alarm
 * reached the service, nor from a later alarm on the same device.
 */
import { describe, expect, it } from 'vitest';
import { ScriptedContext } from '../../../sim/testing/scripted-context.ts';
import { SecurityService, type SecurityAlarm } from './security-service.ts';

const S = 1_000_000;

function service() {
  const ctx = new ScriptedContext(20);
  const ledger = { replicaHosts: [1, 2, 3, 4], repliesNeeded: 2, replyVerifyUs: 0, retransmitUs: S, authenticateUs: 0 };
  const s = new SecurityService(ctx, { ledger, node: { host: 1, macUs: 0, retryUs: S }, deviceNames: ['dev_0', 'dev_1'] } as unknown as ConstructorParameters<typeof SecurityService>[1]);
  const alarm = (device: number, raisedUs: number, arrivesUs: number): void => {
    ctx.nowUs = arrivesUs;
    const m: SecurityAlarm = { kind: 'security-alarm', device, detector: 'cusum', raisedUs };
    s.onMessage(5, m);
  };
  return { ctx, s, alarm };
}

describe('SecurityService', () => {
  it("keeps each device's first alarm at the time its gateway raised it, and submits one revocation for it", () => {
    const { ctx, s, alarm } = service();
    alarm(1, 10 * S, 10 * S + 40_000);
    expect(ctx.take('request').length).toBeGreaterThan(0);
    alarm(1, 12 * S, 12 * S + 40_000);
    expect(ctx.take('request')).toEqual([]);
    expect(s.alarmUs.get(1)).toBe(10 * S);
  });
});
