/**
 * The proxy's two levers for split brains that need the protocol's help (stale-qc): a face that
 * runs a protocol lever only while the split is active, and faces that hear what another face
 * sends, once, after the event that sent it.
 */
import { describe, expect, it } from 'vitest';
import { Engine, type Actor, type ActorContext, type HostId } from '../../../sim/index.ts';
import type { ByzantineBehaviour } from './behaviour.ts';
import { ByzantineReplica } from './replica.ts';

/** A face that broadcasts 'say' to every peer when told to by a 'go' message, and records what it hears. */
class RecordingFace implements Actor<unknown> {
  readonly heard: Array<{ from: HostId; msg: unknown; atUs: number }> = [];
  engaged: (() => boolean) | undefined;
  constructor(private readonly ctx: ActorContext<unknown>, private readonly peers: readonly HostId[]) {}
  pullByzantineLever(_lever: string, engaged: () => boolean): void {
    this.engaged = engaged;
  }
  onMessage(from: HostId, msg: unknown): void {
    this.heard.push({ from, msg, atUs: this.ctx.nowUs });
    if ((msg as { kind?: string }).kind !== 'go') return;
    const say = { kind: 'say' }; // one message to every peer, as a protocol's broadcast is
    for (const p of this.peers) this.ctx.send(p, say, 10);
  }
  onTimer(): void {}
}

class Sink implements Actor<unknown> {
  readonly heard: unknown[] = [];
  onMessage(_from: HostId, msg: unknown): void {
    this.heard.push(msg);
  }
  onTimer(): void {}
}

/** Host 0 is the Byzantine replica with two faces, active from 1 ms; hosts 1..3 listen; face 1 reaches nobody. */
function world(shares: boolean) {
  const engine = new Engine({ seed: 1, network: { regions: ['r'], latencyUs: { kind: 'fixed', value: 100 } } });
  const place = { region: 0, uploadBitsPerSec: Infinity, downloadBitsPerSec: Infinity };
  const faces: RecordingFace[] = [];
  const sinks: Sink[] = [];
  const behaviour: ByzantineBehaviour = {
    mode: 'test',
    split: {
      faces: 2,
      isActive: (nowUs) => nowUs >= 1_000,
      faceFor: () => 'all',
      route: (face) => (face === 0 ? 'send' : 'drop'),
      lever: (face) => (face === 1 ? 'a-lever' : undefined),
      sharesSent: () => shares,
    },
  };
  const peers = [1, 2, 3];
  engine.addHost(place, (ctx) => new ByzantineReplica(ctx, (fc) => {
    const f = new RecordingFace(fc, peers);
    faces.push(f);
    return f;
  }, [behaviour]));
  for (let i = 0; i < 3; i++) engine.addHost(place, () => { const s = new Sink(); sinks.push(s); return s; });
  return { engine, faces, sinks };
}

describe('split brain with a protocol lever and shared sends', () => {
  it('pulls the lever on face 1 only, engaged exactly while the split is active', () => {
    const { engine, faces } = world(true);
    expect(faces[0]!.engaged).toBeUndefined();
    const seen: boolean[] = [];
    engine.at(500, () => seen.push(faces[1]!.engaged!()));
    engine.at(1_500, () => seen.push(faces[1]!.engaged!()));
    engine.run(2_000);
    expect(seen).toEqual([false, true]);
  });

  it("delivers face 1's broadcast to face 0 once, after the sending event, though no peer hears face 1", () => {
    const { engine, faces, sinks } = world(true);
    engine.at(2_000, () => engine.send(1, 0, { kind: 'go' }, 10));
    engine.run(3_000);
    const said = (f: RecordingFace) => f.heard.filter((h) => (h.msg as { kind: string }).kind === 'say');
    // Face 1's copy of face 0's broadcast, and face 0's of face 1's: each hears the other's once.
    expect(said(faces[0]!).map((h) => h.from)).toEqual([0]);
    expect(said(faces[1]!).map((h) => h.from)).toEqual([0]);
    // Face 0 handles 'go' first; face 1 hears face 0's broadcast only after its own 'go'.
    expect(faces[1]!.heard.map((h) => (h.msg as { kind: string }).kind)).toEqual(['go', 'say']);
    // The peers hear face 0 only: three sinks, one 'say' each.
    expect(sinks.map((s) => s.heard.length)).toEqual([1, 1, 1]);
  });

  it('shares nothing when the split does not ask for it', () => {
    const { engine, faces } = world(false);
    engine.at(2_000, () => engine.send(1, 0, { kind: 'go' }, 10));
    engine.run(3_000);
    expect(faces.map((f) => f.heard.filter((h) => (h.msg as { kind: string }).kind === 'say').length)).toEqual([0, 0]);
  });
});
