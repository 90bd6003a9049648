import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../sim/index.ts';
import { ScriptedContext } from '../../../sim/testing/scripted-context.ts';
import { attackSpecSchema } from '../definition.ts';
import { GroundTruth } from '../ground-truth.ts';
import { compromisedGateway } from './compromised-gateway.ts';
import { GatewayTap } from './gateway-tap.ts';
import type { DeviceAttackEnv } from './hooks.ts';
import { MessageLabels } from './labels.ts';

const S = 1_000_000;

/** A gateway that ignores everything: what the tap holds back is all that is measured here. */
const idleGateway = (): Actor<unknown> => ({ onMessage() {}, onTimer() {} });

describe('compromised-gateway outcomes', () => {
  it('counts as delayed every reading the compromised gateway held back during its window, on that gateway only', () => {
    const taps: GatewayTap[] = [];
    const env: DeviceAttackEnv = { truth: new GroundTruth(), labels: new MessageLabels(), taps, forwardGatewayAlarmsTo: () => {} };
    const spec = attackSpecSchema(compromisedGateway).parse({ type: 'compromised-gateway', start: '10s', end: '20s', gateway: 1, delay: '2s' });
    const run = compromisedGateway.device!.plan([{ spec, index: 0 }], env);
    const contexts = [0, 1].map((g) => new ScriptedContext(g));
    contexts.forEach((ctx, g) => {
      const behaviour = run.gatewayBehaviour!(g);
      taps.push(new GatewayTap(ctx, idleGateway, behaviour === undefined ? [] : [behaviour], env.labels, () => undefined));
    });
    // Both gateways get a reading each second; the window [10 s, 20 s) holds 10 of gateway 1's.
    for (let t = 0; t < 30; t++) {
      contexts.forEach((ctx, g) => {
        ctx.nowUs = t * S;
        taps[g]!.onMessage(100, { kind: 'reading' });
      });
    }
    const m = run.outcomes!();
    expect(m['attack.gateway_delayed_readings']?.value).toBe(10);
    expect(m['attack.gateway_dropped_readings']?.value).toBe(0);
  });
});
