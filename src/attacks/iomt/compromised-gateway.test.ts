import { describe, expect, it } from 'vitest';
import type { Actor, ActorContext, HostId } from '../../../sim/index.ts';
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

const STORE = 9;

/** The plan of one compromised-gateway attack and the taps of gateways 0 and 1 around `gateway`s (gateway 1 compromised). */
function planned(fields: Record<string, unknown>, gateway: (ctx: ActorContext<unknown>) => Actor<unknown> = idleGateway) {
  const taps: GatewayTap[] = [];
  const env: DeviceAttackEnv = { truth: new GroundTruth(), labels: new MessageLabels(), taps, forwardGatewayAlarmsTo: () => {} };
  const spec = attackSpecSchema(compromisedGateway).parse({ type: 'compromised-gateway', gateway: 1, ...fields });
  const run = compromisedGateway.device!.plan([{ spec, index: 0 }], env);
  const contexts = [0, 1].map((g) => new ScriptedContext(g));
  contexts.forEach((ctx, g) => {
    const behaviour = run.gatewayBehaviour!(g);
    taps.push(new GatewayTap(ctx, gateway, behaviour === undefined ? [] : [behaviour], env.labels, () => undefined));
  });
  return { run, taps, contexts };
}

describe('compromised-gateway outcomes', () => {
  it('counts as delayed every reading the compromised gateway held back during its window, on that gateway only', () => {
    const { run, taps, contexts } = planned({ start: '10s', end: '20s', delay: '2s' });
    // Both gateways get a reading each second; the window [10 s, 20 s) holds 10 of gateway 1's, and
    // the one at 20 s waits behind the 19 s one, held until 21 s: 11 in all.
    for (let t = 0; t < 30; t++) {
      contexts.forEach((ctx, g) => {
        ctx.nowUs = t * S;
        taps[g]!.onTimer(1); // the release timer, due or not
        taps[g]!.onMessage(100, { kind: 'reading' });
      });
    }
    const m = run.outcomes!();
    expect(m['attack.gateway_delayed_readings']?.value).toBe(11);
    expect(m['attack.gateway_dropped_readings']?.value).toBe(0);
  });

  it("drops every reading that reaches the compromised gateway in its window with drop 1, and holds none: the gateway's honest code sees only the others", () => {
    let seen = 0;
    const counting = (): Actor<unknown> => ({ onMessage() { seen++; }, onTimer() {} });
    const { run, taps, contexts } = planned({ start: '10s', end: '20s', drop: 1 }, counting);
    // Both gateways get a reading each second; the window [10 s, 20 s) holds 10 of gateway 1's.
    for (let t = 0; t < 30; t++) {
      contexts.forEach((ctx, g) => {
        ctx.nowUs = t * S;
        taps[g]!.onMessage(100, { kind: 'reading' });
      });
    }
    const m = run.outcomes!();
    expect(m['attack.gateway_dropped_readings']?.value).toBe(10);
    expect(m['attack.gateway_delayed_readings']?.value).toBe(0);
    expect(seen).toBe(60 - 10);
  });

  it("counts as unrecoverable the records of a batch the store never acknowledged and that was sent over 10 s before the end, not an acknowledged one's nor a recent one's", () => {
    /** A gateway that sends its store the batch a test asks it to seal. */
    const sealing = (ctx: ActorContext<unknown>): Actor<unknown> => ({
      onMessage(_from: HostId, msg: unknown) {
        const m = msg as { kind: string; batch: number; count: number };
        if (m.kind === 'seal') ctx.send(STORE, { kind: 'put', batch: m.batch, count: m.count }, 100);
      },
      onTimer() {},
    });
    const { run, taps, contexts } = planned({}, sealing);
    const ctx = contexts[0]!;
    const at = (t: number, msg: object): void => {
      for (const c of contexts) c.nowUs = t * S;
      taps[0]!.onMessage(STORE, msg);
    };
    at(5, { kind: 'seal', batch: 0, count: 3 });
    at(6, { kind: 'put-ack', batch: 0, stored: true });
    at(20, { kind: 'seal', batch: 1, count: 5 });
    at(35, { kind: 'seal', batch: 2, count: 7 });
    // The run ends at 40 s: batch 1 waited 20 s for an acknowledgement, batch 2 only 5 s.
    for (const c of contexts) c.nowUs = 40 * S;
    expect(ctx.take('put').map((s) => (s.msg as { batch: number }).batch)).toEqual([0, 1, 2]);
    expect(run.outcomes!()['attack.records_unrecoverable']?.value).toBe(5);
  });
});
